import { z } from "zod";
import { ErrorBodySchema } from "./errors.ts";
import { BinDetailSchema, BinSchema, CreateBinSchema, CustomResponseSchema, ForwardSchema } from "./schemas/bin.ts";
import { CapturePageSchema, CaptureSchema, ExportQuerySchema, ListCapturesQuerySchema } from "./schemas/capture.ts";

/** OpenAPI 3.1 description generated from the same Zod schemas the handlers validate with. */

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { "application/json": { schema: ref(name) } } });
const error = (description: string) => ({ description, ...json("Error") });

function queryParameters(s: z.ZodObject) {
  return Object.entries(s.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: schema(field as z.ZodType),
  }));
}

const binId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const captureId = { name: "rid", in: "path", required: true, schema: { type: "string" } };
const noContent = { "204": { description: "Done" } };
const notFound = { "404": error("Unknown bin or capture") };
const invalid = { "400": error("Invalid input; `issues` lists what is wrong") };

export function openApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    info: { title: "Hookjar API", version: "0.1.0", description: "Capture, inspect and resend webhooks. Captures arrive on ANY /b/{binId}[/…]." },
    servers: [{ url: origin }],
    paths: {
      "/api/bins": {
        post: { summary: "Create a bin", requestBody: json("CreateBin"), responses: { "201": { description: "Created", ...json("Bin") }, ...invalid } },
      },
      "/api/bins/{id}": {
        parameters: [binId],
        get: { summary: "Get a bin", responses: { "200": { description: "The bin", ...json("BinDetail") }, ...notFound } },
        delete: { summary: "Delete a bin and its captures", responses: { ...noContent, ...notFound } },
      },
      "/api/bins/{id}/requests": {
        parameters: [binId],
        get: {
          summary: "List captures, newest first",
          parameters: queryParameters(ListCapturesQuerySchema),
          responses: { "200": { description: "A page", ...json("CapturePage") }, ...invalid, ...notFound },
        },
        delete: { summary: "Clear the bin", responses: { ...noContent, ...notFound } },
      },
      "/api/bins/{id}/requests/{rid}": {
        parameters: [binId, captureId],
        get: { summary: "Get a capture", responses: { "200": { description: "The capture", ...json("Capture") }, ...notFound } },
        delete: { summary: "Delete a capture", responses: { ...noContent, ...notFound } },
      },
      "/api/bins/{id}/requests/{rid}/body": {
        parameters: [binId, captureId],
        get: { summary: "The raw body bytes, with the captured Content-Type", responses: { "200": { description: "Body bytes" }, ...notFound } },
      },
      "/api/bins/{id}/response": {
        parameters: [binId],
        put: { summary: "Set the custom response senders get", requestBody: json("CustomResponse"), responses: { ...noContent, ...invalid, ...notFound } },
        delete: { summary: "Clear the custom response", responses: { ...noContent, ...notFound } },
      },
      "/api/bins/{id}/forward": {
        parameters: [binId],
        put: { summary: "Forward new captures to a URL", requestBody: json("Forward"), responses: { ...noContent, ...invalid, ...notFound } },
        delete: { summary: "Stop forwarding", responses: { ...noContent, ...notFound } },
      },
      "/api/bins/{id}/export": {
        parameters: [binId],
        get: {
          summary: "Export captures as HAR 1.2 or a JSON array of Capture",
          parameters: queryParameters(ExportQuerySchema),
          responses: { "200": { description: "The export" }, ...invalid, ...notFound },
        },
      },
    },
    components: {
      schemas: {
        Error: schema(ErrorBodySchema),
        CreateBin: schema(CreateBinSchema),
        Bin: schema(BinSchema),
        BinDetail: schema(BinDetailSchema),
        CustomResponse: schema(CustomResponseSchema),
        Forward: schema(ForwardSchema),
        Capture: schema(CaptureSchema),
        CapturePage: schema(CapturePageSchema),
      },
    },
  };
}
