export { parseMockConfig, type MockConfig, type MockResponse, type MockResponseStep } from "./parse-mock-config";
export { createMockTaskInvoker, type MockTaskInvoker, type MockTaskInvokerOptions } from "./mock-task-invoker";
export { MockConfigError } from "./mock-config-error";
