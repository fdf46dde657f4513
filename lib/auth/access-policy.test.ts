import { describe, expect, it } from "vitest";
import { normalizePath, requiredRole, roleAllows } from "./access-policy";

describe("access policy", () => {
  it("needs viewer to read, operator to change, admin for the audit log", () => {
    expect(requiredRole("GET", "/executions")).toBe("viewer");
    expect(requiredRole("GET", "/api/executions")).toBe("viewer");
    expect(requiredRole("POST", "/api/replay")).toBe("operator");
    expect(requiredRole("DELETE", "/api/executions/x")).toBe("operator");
    expect(requiredRole("PUT", "/api/anything")).toBe("operator");
    expect(requiredRole("PATCH", "/api/anything")).toBe("operator");
    expect(requiredRole("GET", "/api/sfn")).toBe("operator");
    expect(requiredRole("POST", "/api/sfn")).toBe("operator");
    expect(requiredRole("GET", "/audit")).toBe("admin");
    expect(requiredRole("GET", "/api/audit")).toBe("admin");
    expect(requiredRole("POST", "/api/auth/login")).toBe("viewer");
    expect(requiredRole("POST", "/api/auth/logout")).toBe("viewer");
    expect(requiredRole("POST", "/login")).toBe("viewer"); // a page, not an API
  });

  it("is not fooled by encoding, case, doubled or trailing slashes", () => {
    expect(requiredRole("GET", "/api/%61udit")).toBe("admin");
    expect(requiredRole("GET", "/api/%2561udit")).toBe("admin");
    expect(requiredRole("GET", "//audit/")).toBe("admin");
    expect(requiredRole("GET", "/Audit")).toBe("admin");
    expect(requiredRole("post", "/API/replay")).toBe("operator");
    expect(requiredRole("GET", "/api/sfn/")).toBe("operator");
    expect(requiredRole("GET", "/auditing")).toBe("viewer"); // a prefix of a word is not the path
    expect(normalizePath("/a/%zz")).toBe("/a/%zz");
  });

  it("ranks roles", () => {
    expect(roleAllows("admin", "operator")).toBe(true);
    expect(roleAllows("operator", "operator")).toBe(true);
    expect(roleAllows("operator", "admin")).toBe(false);
    expect(roleAllows("viewer", "operator")).toBe(false);
    expect(roleAllows("viewer", "viewer")).toBe(true);
  });
});
