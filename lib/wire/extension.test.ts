import { describe, expect, it } from "vitest";
import { extensionFor } from "./extension.ts";

describe("extensionFor", () => {
  it("names a downloaded body after its content type", () => {
    expect(extensionFor("application/json; charset=utf-8")).toBe(".json");
    expect(extensionFor("application/vnd.github+json")).toBe(".json");
    expect(extensionFor("text/xml")).toBe(".xml");
    expect(extensionFor("application/atom+xml")).toBe(".xml");
    expect(extensionFor("IMAGE/PNG")).toBe(".png");
    expect(extensionFor("multipart/form-data; boundary=x")).toBe(".multipart");
    expect(extensionFor("text/x-unknown")).toBe(".txt");
    expect(extensionFor("application/octet-stream")).toBe(".bin");
    expect(extensionFor(null)).toBe(".bin");
  });
});
