import {
  portalApplicationsPage,
  type PortalApplicationsPage,
} from '../../../shared/portal/portalApplication';

export interface PortalConfig {
  url: string;
  token?: string | undefined;
  timeoutMs?: number;
}

/** The portal could not be reached at all (network down, DNS, refused, timed out). */
export class PortalUnreachableError extends Error {
  constructor(cause: unknown) {
    super(`Portail injoignable (${(cause as Error)?.message ?? String(cause)})`);
    this.name = 'PortalUnreachableError';
  }
}

/** The portal answered, but not with what we asked for. */
export class PortalResponseError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PortalResponseError';
  }
}

export interface PortalClient {
  fetchApplications(cursor: string | null, limit: number): Promise<PortalApplicationsPage>;
}

export function createPortalClient(config: PortalConfig): PortalClient {
  const base = config.url.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? 30_000;

  async function getJson(path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        headers: {
          accept: 'application/json',
          ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new PortalUnreachableError(error);
    }
    const text = await response.text().catch((error: unknown) => {
      throw new PortalUnreachableError(error);
    });
    if (!response.ok) {
      throw new PortalResponseError(
        response.status,
        `Le portail a répondu ${response.status} : ${text.slice(0, 200)}`,
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new PortalResponseError(
        response.status,
        'Réponse du portail illisible (JSON invalide).',
      );
    }
  }

  return {
    async fetchApplications(cursor, limit) {
      const params = new URLSearchParams({ limit: String(limit) });
      if (cursor) params.set('cursor', cursor);
      const body = await getJson(`/api/v1/applications?${params}`);
      const page = portalApplicationsPage.safeParse(body);
      if (!page.success) {
        throw new PortalResponseError(200, 'Page du portail au format inattendu.');
      }
      return page.data;
    },
  };
}
