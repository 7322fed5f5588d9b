export interface StaticServer {
  port: number;
  url: string;
  close(): Promise<void>;
}
export function startStaticServer(opts: { root: string; port?: number; host?: string; base?: string }): Promise<StaticServer>;
