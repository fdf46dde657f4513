import { NextResponse } from "next/server";

export type RefusalKind = "sfn" | "api" | "page";

/**
 * A refusal from proxy.ts in the shape its caller understands: the SFN API (`POST /` with
 * X-Amz-Target, or /api/sfn) answers as AWS does, `{"__type": "...#<code>", "message": ...}` with
 * the status AWS uses for that code (UnrecognizedClientException and AccessDeniedException are
 * 403, ServiceUnavailable 503, InternalFailure 500), so the AWS SDK and CLI raise the matching
 * exception; other API routes get `{ error, ...extra }`; pages get plain text.
 */
export function refusal(
  kind: RefusalKind,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): NextResponse {
  if (kind === "sfn") {
    return new NextResponse(JSON.stringify({ __type: `com.amazon.coral.service#${code}`, message }), {
      status,
      headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": crypto.randomUUID(), "x-amzn-errortype": code },
    });
  }
  if (kind === "api") return NextResponse.json({ error: message, ...extra }, { status });
  return new NextResponse(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
