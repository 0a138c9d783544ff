import { describe, expect, it } from "vitest";
import { heldOrder } from "./held-order";

const items = (...ids: string[]) => ids.map((id) => ({ id, label: id.toUpperCase() }));
const ids = (r: { ordered: { id: string }[] }) => r.ordered.map((i) => i.id);

describe("heldOrder: the playbook does not move under the finger", () => {
  it("keeps the order first shown when a sync brings a new ranking, and says it changed", () => {
    const r = heldOrder(items("c", "a", "b"), (i) => i.id, ["a", "b", "c"]);
    expect(ids(r)).toEqual(["a", "b", "c"]);
    expect(r.changed).toBe(true);
    // The entries themselves are the new ones (badges, reasons), only their places are held.
    expect(r.ordered[0]).toEqual({ id: "a", label: "A" });
  });

  it("is unchanged when the ranking is the one shown", () => {
    const r = heldOrder(items("a", "b"), (i) => i.id, ["a", "b"]);
    expect(ids(r)).toEqual(["a", "b"]);
    expect(r.changed).toBe(false);
  });

  it("adds new methods at the end in their ranked order and drops the ones that are gone", () => {
    const r = heldOrder(items("d", "b", "e", "a"), (i) => i.id, ["a", "b", "c"]);
    expect(ids(r)).toEqual(["a", "b", "d", "e"]);
    expect(r.changed).toBe(true);
    expect(ids(heldOrder(items("a", "b"), (i) => i.id, ["a", "x", "b"]))).toEqual(["a", "b"]);
    expect(heldOrder(items("a", "b"), (i) => i.id, ["a", "x", "b"]).changed).toBe(false);
  });

  it("shows the ranking as given when nothing was shown yet", () => {
    const r = heldOrder(items("b", "a"), (i) => i.id, []);
    expect(ids(r)).toEqual(["b", "a"]);
    expect(r.changed).toBe(false);
  });
});
