// Compiled with `tsc --strict --noEmit` (tsconfig.json here): the published
// declarations accept correct code, refuse wrong code (@ts-expect-error
// lines), and declare no `any`.
import {
  init,
  AlexpayError,
  Client,
  confirmWebhook,
  isTerminalStatus,
  normalizeStatus,
  parsePayoutResponse,
  parseStatusResponse,
  parseWebhook,
  PayoutTracker,
  retryDecision,
  signWebhook,
  verifyWebhookSignature,
  type Confirmation,
  type ErrorCode,
  type HttpRequest,
  type Payout,
  type PayoutStatus,
  type RetryDecision,
  type StatusReport,
  type WebhookEvent,
} from "alexpay-wasm";
import * as nodeBuild from "alexpay-wasm/nodejs";

type IsAny<T> = 0 extends 1 & T ? true : false;
type Assert<T extends true> = T;

export async function main(): Promise<void> {
  await init();
  const client = new Client({ publicKey: "pk", secretKey: "sk", baseUrl: "https://api.alexpay.test" });
  const ua: string = client.userAgent;
  const req: HttpRequest = client.mobileMoneyPayout({ amount: 100, countryId: "GH", phoneNumber: "233241234567" });
  const bank: HttpRequest = client.bankPayout({ amount: 1, countryId: "GH", bankId: "b", accountNumber: "1" });
  const res: Response = await fetch(req.url, req); // the plain object is a RequestInit as it is
  const body: Uint8Array | undefined = bank.body;
  const method: "GET" | "POST" = client.statusCheck("PO_1").method;

  const payout: Payout = parsePayoutResponse(res.status, new Uint8Array(await res.arrayBuffer()));
  const report: StatusReport = parseStatusResponse(200, "{}");
  const event: WebhookEvent = parseWebhook(new ArrayBuffer(0));
  const confirmation: Confirmation = confirmWebhook(event, report);
  const status: PayoutStatus = confirmation.status;
  const amount: number | undefined = payout.amount;
  const disbursed: boolean | undefined = report.isDisbursed;

  verifyWebhookSignature("whsec_x", new Headers(), "{}", Math.floor(Date.now() / 1000));
  verifyWebhookSignature("whsec_x", { "webhook-id": "m" }, new Uint8Array(), 0, 300);
  verifyWebhookSignature("whsec_x", [["webhook-id", "m"]], "{}", 0);
  const sig: string = signWebhook("whsec_x", "msg", 0, "{}");

  const tracker = new PayoutTracker("PO_1");
  const observed: "changed" | "unchanged" | "ignored" | "needs_confirmation" = tracker.observe(payout);
  tracker.observe(event); // a webhook event: a hint, may be "needs_confirmation"
  const stale: boolean = confirmation.stale;
  const claimed: PayoutStatus | undefined = confirmation.eventStatus;
  tracker.observe("processing");
  const delay: number | null = tracker.nextPollDelayMs(0, Math.random());
  const terminal: boolean = tracker.isTerminal && isTerminalStatus(normalizeStatus("paid"));

  const decision: RetryDecision = retryDecision({ operation: "status_check", attempt: 1, httpStatus: 503 });
  retryDecision({ operation: "payout", attempt: 1, httpStatus: 200, body: new Uint8Array() });
  retryDecision({ operation: "payout", attempt: 1, httpStatus: 200, body: "{}" });
  const action: "retry" | "stop" | "do_not_resend" = decision.action;

  try {
    client.statusCheck("../x");
  } catch (e) {
    if (e instanceof AlexpayError) {
      const code: ErrorCode = e.code;
      const field: string | undefined = e.field;
      const http: number | undefined = e.httpStatus;
      const retry: boolean = e.retryable;
      const family: "validation" | "api" | "webhook" | "conflict" | "flow" = e.family;
      const payoutId: string | undefined = e.payoutId;
      const flowCode: ErrorCode = "outcome_unknown";
      const asError: Error = e;
      void [code, field, http, retry, family, payoutId, flowCode, asError];
    }
  }

  // The nodejs build declares the same surface.
  const nodeClient: nodeBuild.Client = new nodeBuild.Client({ publicKey: "pk", secretKey: "sk", baseUrl: "https://x.test" });
  const nodeReq: nodeBuild.HttpRequest = nodeClient.statusCheck("PO_1");

  // Wrong code is refused.
  // @ts-expect-error amount is a number
  client.mobileMoneyPayout({ amount: "100", countryId: "GH" });
  // @ts-expect-error unknown option
  client.mobileMoneyPayout({ amount: 1, countryId: "GH", phone_number: "1" });
  // @ts-expect-error bankId is required for bank payouts
  client.bankPayout({ amount: 1, countryId: "GH", accountNumber: "1" });
  // @ts-expect-error no such status
  const bad: PayoutStatus = "done";
  // @ts-expect-error a parsed object is not a body
  parseWebhook({ payout_id: "x" });
  // @ts-expect-error operation names are fixed
  retryDecision({ operation: "refund", attempt: 1 });
  // @ts-expect-error a parsed object is not a body
  retryDecision({ operation: "payout", attempt: 1, httpStatus: 200, body: { status: "success" } });

  type NoAny = [
    Assert<IsAny<typeof req> extends false ? true : false>,
    Assert<IsAny<typeof payout> extends false ? true : false>,
    Assert<IsAny<ReturnType<typeof parseStatusResponse>> extends false ? true : false>,
    Assert<IsAny<ReturnType<PayoutTracker["observe"]>> extends false ? true : false>,
    Assert<IsAny<ReturnType<typeof retryDecision>> extends false ? true : false>,
    Assert<IsAny<AlexpayError["code"]> extends false ? true : false>,
    Assert<IsAny<Parameters<typeof verifyWebhookSignature>[1]> extends false ? true : false>,
  ];
  void [ua, body, method, status, amount, disbursed, sig, observed, stale, claimed, delay, terminal, action, bad, nodeReq, {} as NoAny];
}
