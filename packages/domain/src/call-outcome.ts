// The counting rule is shared with the console, so it lives in contracts.
export { classifyCallOutcome, type CallOutcome } from '@dialwave/contracts';
