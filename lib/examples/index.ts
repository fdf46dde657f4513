import { ecommerceOrder } from "./ecommerce-order";
import { orderFulfillment } from "./order-fulfillment";
import { paymentVerification } from "./payment-verification";
import { returnProcess } from "./return-process";
import type { ExampleWorkflow } from "./types";

export const EXAMPLE_WORKFLOWS: readonly ExampleWorkflow[] = [returnProcess, orderFulfillment, ecommerceOrder, paymentVerification];

export function exampleByName(name: string): ExampleWorkflow | undefined {
  return EXAMPLE_WORKFLOWS.find((w) => w.name === name);
}

export type { ExampleWorkflow } from "./types";
export { handlerInvoker, HandlerError, timed, type LocalHandler } from "./handler-invoker";
