import { streamNames, subjects } from '@sanbao/contracts';
import {
  DiscardPolicy,
  JetStreamManager,
  NatsError,
  RetentionPolicy,
  StorageType,
  StreamConfig,
} from 'nats';

export interface StreamSet {
  signals: string;
  deadLetters: string;
  issueEvents: string;
}

const DAY_NS = 24 * 60 * 60 * 1_000_000_000;

/** The streams of one deployment, all on file storage, each deduplicating by Nats-Msg-Id. */
export function streamConfigs(prefix: string): Array<Partial<StreamConfig> & { name: string }> {
  const names = streamNames(prefix);
  const subs = subjects(prefix);
  return [
    {
      name: names.signals,
      subjects: [subs.signals],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      duplicate_window: 2 * DAY_NS,
      max_age: 90 * DAY_NS,
    },
    {
      name: names.deadLetters,
      subjects: [subs.deadLetters],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: 2 * DAY_NS,
      // Dead letters are kept until someone deals with them.
      max_age: 0,
    },
    {
      name: names.issueEvents,
      subjects: [subs.issueEvents],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: 2 * DAY_NS,
      max_age: 365 * DAY_NS,
    },
  ];
}

export async function ensureStreams(jsm: JetStreamManager, prefix: string): Promise<StreamSet> {
  for (const config of streamConfigs(prefix)) {
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config);
    } catch (error) {
      if (error instanceof NatsError && error.api_error?.err_code === 10059) {
        await jsm.streams.add(config);
      } else {
        throw error;
      }
    }
  }
  return streamNames(prefix);
}

/** Removes a deployment's streams (test clean-up). */
export async function deleteStreams(jsm: JetStreamManager, prefix: string): Promise<void> {
  for (const name of Object.values(streamNames(prefix))) {
    await jsm.streams.delete(name).catch(() => undefined);
  }
}
