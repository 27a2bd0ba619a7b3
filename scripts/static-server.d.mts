import type { Server } from 'node:http';

export declare const TYPES: Record<string, string>;
export interface Answer {
  body: string | Buffer;
  type?: string;
  headers?: Record<string, string>;
}
export interface Options {
  mounts?: [prefix: string, folder: string][];
  routes?: Record<string, () => Answer | Promise<Answer>>;
  headers?: (pathname: string) => Record<string, string>;
  cache?: boolean;
}
export declare function cacheControl(pathname: string): string;
export declare function etagOf(body: string | Buffer): string;
export declare function createStaticServer(options?: Options): Server;
export declare function listen(server: Server, port?: number, host?: string): Promise<string>;
