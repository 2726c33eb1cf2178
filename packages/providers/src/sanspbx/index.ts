export { SansPbxProvider, type SansPbxProviderConfig } from './sanspbx-provider';
export { SansPbxClient, type SansPbxClientConfig } from './sanspbx-client';
export { SansPbxTokenCache, DEFAULT_REFRESH_MARGIN_MS, type SansPbxCredentials, type SansPbxTokenCacheOptions } from './token-cache';
export { SansPbxAuthError } from './sanspbx-errors';
export { toSansPbxCallTo, toSansPbxCallerId } from './sanspbx-numbers';
export { extractSansPbxCallId } from './call-id';
export { parseSansPbxTime } from './india-time';
