import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretStore } from '../data-key-keeper';

/**
 * Electron's safeStorage as the keeper sees it (tests: Electron cannot run here): strings
 * encrypted under a key of the "OS", which the test can make unavailable, downgrade to
 * Linux's basic_text, renew (old wraps then answer shouldReEncrypt) or make fail.
 */
export class FakeSecretStore implements SecretStore {
  available = true;
  backend: string | null = 'gnome_libsecret';
  failDecrypt = false;
  /** The OS store's keys, newest last: a wrap names the one it used. */
  private readonly keys = [randomBytes(32)];

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }

  linuxBackend(): string | null {
    return this.backend;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    if (!this.available) throw new Error('encryption is not available');
    const version = this.keys.length - 1;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[version]!, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(version), iv, cipher.getAuthTag(), body]);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    if (!this.available || this.failDecrypt) throw new Error('decryption failed');
    const version = encrypted[0]!;
    const key = this.keys[version];
    if (!key) throw new Error('decryption failed');
    const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(1, 13));
    decipher.setAuthTag(encrypted.subarray(13, 29));
    const result = Buffer.concat([decipher.update(encrypted.subarray(29)), decipher.final()]).toString('utf8');
    return { shouldReEncrypt: version !== this.keys.length - 1, result };
  }

  /** The OS renews its key (what safeStorage's async API reports with shouldReEncrypt). */
  renew(): void {
    this.keys.push(randomBytes(32));
  }

  /** The version of the OS key a wrapped file was made with. */
  versionOf(encrypted: Buffer): number {
    return encrypted[0]!;
  }
}
