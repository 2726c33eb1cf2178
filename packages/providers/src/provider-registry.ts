import type { TVoipProvider } from '@dialwave/contracts';
import type { CallProvider, CallProviderRegistry } from './call-provider';
import { ProviderError } from './provider-error';

/** Stands in for a carrier we cannot dial through yet: every request fails permanently, with the reason. */
export class UnsupportedProvider implements CallProvider {
  constructor(private readonly reason: string) {}

  dial(): Promise<never> {
    return Promise.reject(ProviderError.permanent(this.reason));
  }

  fetchStatus(): Promise<never> {
    return Promise.reject(ProviderError.permanent(this.reason));
  }

  hangUp(): Promise<never> {
    return Promise.reject(ProviderError.permanent(this.reason));
  }

  connectToAgent(): Promise<never> {
    return Promise.reject(ProviderError.permanent(this.reason));
  }

  startRecording(): Promise<never> {
    return Promise.reject(ProviderError.permanent(this.reason));
  }

  findPlacedCall(): Promise<'unknown'> {
    return Promise.resolve('unknown');
  }
}

/** A fixed provider per agent setting, built once at boot. */
export class StaticProviderRegistry implements CallProviderRegistry {
  constructor(private readonly providers: Record<TVoipProvider, CallProvider>) {}

  forProvider(provider: TVoipProvider): CallProvider {
    return this.providers[provider];
  }
}
