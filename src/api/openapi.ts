// The OpenAPI document, built from the same zod schemas that validate requests (zod 4's toJSONSchema).
import { z, type ZodType } from 'zod';
import { CustomerSchema } from '../schemas/customer.js';
import { InteractionSchema } from '../schemas/interaction.js';
import { TransactionSchema } from '../schemas/transaction.js';
import { CreateKeySchema } from './admin.js';
import { CorpusUploadQuerySchema } from './corpora.js';
import { RecommenderQuerySchema } from './marketing.js';

const json = (s: ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' });

const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) });
const IngestResult = z.object({ accepted: z.number().int(), rejected: z.array(z.object({ index: z.number().int(), errors: z.array(z.string()) })) });

function queryParams(s: z.ZodObject) {
  return Object.entries(s.shape).map(([name, t]) => ({ name, in: 'query', required: false, schema: json(t as ZodType) }));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: 'error', content: { 'application/json': { schema: ref('Error') } } }]));
const body = (name: string) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'array', maxItems: 5000, items: ref(name) } }, 'application/x-ndjson': { schema: { type: 'string' } } },
});
const ingest = (summary: string, name: string) => ({
  post: { summary, security: [{ bearer: [] }], requestBody: body(name), responses: { '202': { description: 'accepted', content: { 'application/json': { schema: ref('IngestResult') } } }, ...errors(400, 401, 403, 413, 429) } },
});
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Rapport', version: '0.1.0', description: 'Customer relationship mining: archetypes, sentiment, emotions, recommenders.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Interaction: json(InteractionSchema),
        Customer: json(CustomerSchema),
        Transaction: json(TransactionSchema),
        CreateKey: json(CreateKeySchema),
        IngestResult: json(IngestResult),
        Error: json(ErrorSchema),
      },
    },
    paths: {
      '/v1/interactions': ingest('Ingest interactions (role service)', 'Interaction'),
      '/v1/customers': ingest('Ingest customer attributes (role service)', 'Customer'),
      '/v1/transactions': ingest('Ingest transactions (role service)', 'Transaction'),
      '/v1/customers/{id}/profile': { get: { summary: 'A customer profile (role service)', parameters: [idParam], security: [{ bearer: [] }], responses: { '200': { description: 'profile' }, ...errors(401, 403, 404, 429) } } },
      '/v1/customers/{id}/brief': { get: { summary: 'What an agent sees before contact (role service)', parameters: [idParam], security: [{ bearer: [] }], responses: { '200': { description: 'brief' }, ...errors(401, 403, 404, 429) } } },
      '/v1/customers/{id}': { delete: { summary: 'Erase a customer completely (role admin)', parameters: [idParam], security: [{ bearer: [] }], responses: { '204': { description: 'erased' }, ...errors(401, 403, 404) } } },
      '/v1/recommenders': { get: { summary: 'Ranked recommenders; Accept: text/csv exports (roles marketer, analyst)', parameters: queryParams(RecommenderQuerySchema), security: [{ bearer: [] }], responses: { '200': { description: 'page' }, ...errors(400, 401, 403, 429) } } },
      '/v1/archetypes': { get: { summary: 'Archetype taxonomy, playbooks and customer counts', security: [{ bearer: [] }], responses: { '200': { description: 'taxonomy' } } } },
      '/v1/corpora': { post: { summary: 'Upload a corpus (NDJSON or CSV stream; role analyst)', parameters: queryParams(CorpusUploadQuerySchema), security: [{ bearer: [] }], requestBody: { content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } } }, responses: { '202': { description: 'corpus id' }, ...errors(400, 401, 403) } } },
      '/v1/corpora/{id}': {
        get: { summary: 'Corpus state, progress, rejected lines, timings', parameters: [idParam], security: [{ bearer: [] }], responses: { '200': { description: 'record' }, ...errors(404) } },
        delete: { summary: 'Drop a corpus and its profiles', parameters: [idParam], security: [{ bearer: [] }], responses: { '204': { description: 'dropped' }, ...errors(404, 409) } },
      },
      '/v1/corpora/{id}/profiles': { get: { summary: 'Corpus profiles streamed as NDJSON or CSV', parameters: [idParam], security: [{ bearer: [] }], responses: { '200': { description: 'profiles' }, ...errors(404, 409) } } },
      '/v1/segments': { get: { summary: 'Segment sizes and valuation of the live base, from the last recomputation (roles marketer, analyst)', security: [{ bearer: [] }], responses: { '200': { description: 'summary' }, ...errors(401, 403, 404, 429) } } },
      '/v1/segments/matrix': { get: { summary: 'Archetype x segment matrix: counts, revenue, mean recommender score, mean sentiment (roles marketer, analyst)', security: [{ bearer: [] }], responses: { '200': { description: 'matrix' }, ...errors(401, 403, 404, 429) } } },
      '/v1/segments/map': { get: { summary: 'Segment map as data: bubbles on two stated axes (roles marketer, analyst)', security: [{ bearer: [] }], responses: { '200': { description: 'map' }, ...errors(401, 403, 404, 429) } } },
      '/v1/segments/map.svg': { get: { summary: 'Segment map as SVG (roles marketer, analyst)', security: [{ bearer: [] }], responses: { '200': { description: 'image/svg+xml' }, ...errors(401, 403, 404, 429) } } },
      '/v1/segments/recompute': { post: { summary: 'Queue a recomputation of the segments (role analyst); joins one already waiting', security: [{ bearer: [] }], responses: { '202': { description: '{jobId, status}' }, ...errors(401, 403, 429) } } },
      '/v1/keys': { post: { summary: 'Create an API key (role admin); the key is shown once', security: [{ bearer: [] }], requestBody: { content: { 'application/json': { schema: ref('CreateKey') } } }, responses: { '201': { description: '{id, key, role}' }, ...errors(400, 401, 403) } } },
      '/healthz': { get: { summary: 'Process is up', responses: { '200': { description: 'ok' } } } },
      '/readyz': { get: { summary: 'Redis and queues reachable', responses: { '200': { description: 'ready' }, '503': { description: 'not ready' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'text exposition' } } } },
    },
  };
}

/** A self-contained docs page (no CDN): lists every operation of /openapi.json with its schemas. */
export const DOCS_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Rapport API</title>
<style>body{font:14px system-ui;margin:2em;max-width:60em}code{background:#f3f3f3;padding:0 .3em}details{margin:.4em 0}pre{background:#f7f7f7;padding:.6em;overflow:auto}</style></head>
<body><h1>Rapport API</h1><p>Machine-readable: <a href="/openapi.json">/openapi.json</a>. Authenticate with <code>Authorization: Bearer &lt;key&gt;</code>.</p><div id="ops"></div>
<script>
fetch('/openapi.json').then(r=>r.json()).then(doc=>{const el=document.getElementById('ops');
for(const [path,ops] of Object.entries(doc.paths))for(const [m,op] of Object.entries(ops)){const d=document.createElement('details');
const s=document.createElement('summary');s.textContent=m.toUpperCase()+' '+path+' \\u2014 '+(op.summary||'');d.appendChild(s);
const pre=document.createElement('pre');pre.textContent=JSON.stringify(op,null,2);d.appendChild(pre);el.appendChild(d);}
const d=document.createElement('details');const s=document.createElement('summary');s.textContent='Schemas';d.appendChild(s);
const pre=document.createElement('pre');pre.textContent=JSON.stringify(doc.components.schemas,null,2);d.appendChild(pre);el.appendChild(d);});
</script></body></html>`;
