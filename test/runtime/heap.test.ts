// Heap behaviour: opa_heap_ptr_get/set resets (free lists dropped, memory reused), malloc
// alignment and reuse of freed blocks, growth past the initial 5 pages (1 MiB input), growth
// done by the host behind the module's back, and the 1.3 stash functions.
import t from "tap";
import { instantiate } from "./harness.js";

t.test("heap: malloc is 8-aligned and above the runtime's static data", async (t) => {
  const r = instantiate();
  const a = r.call("opa_malloc", 3);
  const b = r.call("opa_malloc", 1);
  t.equal(a % 8, 0);
  t.equal(b % 8, 0);
  t.ok(b >= a + 8);
  t.ok(a >= 1024);
});

t.test("heap: opa_heap_ptr_set resets; later allocations reuse the space", async (t) => {
  const r = instantiate();
  const mark = r.call("opa_heap_ptr_get");
  const v1 = r.parse('{"a":[1,2,3],"b":"x"}');
  const after = r.call("opa_heap_ptr_get");
  t.ok(after > mark);
  r.call("opa_heap_ptr_set", mark);
  t.equal(r.call("opa_heap_ptr_get"), mark);
  const v2 = r.parse('{"a":[1,2,3],"b":"x"}');
  t.equal(v2 > mark && v2 <= v1 + 64, true, "same region reused");
  t.equal(r.call("opa_heap_ptr_get"), after, "deterministic layout");
});

t.test("heap: freed blocks are reused; set drops free lists", async (t) => {
  const r = instantiate();
  const a = r.call("opa_malloc", 64);
  r.call("opa_malloc", 8); // keep a from being the last block
  r.call("opa_free", a);
  t.equal(r.call("opa_malloc", 64), a, "exact class reuse");
  const b = r.call("opa_malloc", 64);
  const top = r.call("opa_heap_ptr_get");
  r.call("opa_malloc", 8);
  r.call("opa_free", b);
  r.call("opa_heap_ptr_set", top);
  t.not(r.call("opa_malloc", 64), b, "free list cleared by heap_ptr_set");
  const last = r.call("opa_malloc", 32);
  const end = r.call("opa_heap_ptr_get");
  r.call("opa_free", last);
  t.ok(r.call("opa_heap_ptr_get") < end, "freeing the last block lowers the bump pointer");
});

t.test("heap: stash keeps free blocks aside until restore", async (t) => {
  const r = instantiate();
  const a = r.call("opa_malloc", 40);
  r.call("opa_malloc", 8);
  r.call("opa_free", a);
  r.call("opa_heap_blocks_stash");
  t.not(r.call("opa_malloc", 40), a, "stashed block not handed out");
  r.call("opa_heap_blocks_restore");
  t.equal(r.call("opa_malloc", 40), a, "restored block reused");
  const c = r.call("opa_malloc", 40);
  r.call("opa_malloc", 8);
  r.call("opa_free", c);
  r.call("opa_heap_blocks_stash");
  r.call("opa_heap_stash_clear");
  r.call("opa_heap_blocks_restore");
  t.not(r.call("opa_malloc", 40), c, "cleared stash is gone");
});

t.test("heap: grows memory past 5 pages for a 1 MiB input", async (t) => {
  const r = instantiate();
  t.equal(r.memory.buffer.byteLength, 5 * 65536);
  const items = Array.from({ length: 20000 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ["a", "b"] }));
  let text = JSON.stringify(items);
  while (text.length < 1 << 20) text = JSON.stringify([JSON.parse(text), items.slice(0, 1000)]);
  const v = r.parse(text);
  t.not(v, 0);
  t.ok(r.memory.buffer.byteLength > 5 * 65536, `memory grew to ${r.memory.buffer.byteLength / 65536} pages`);
  t.equal(r.dump(v), JSON.stringify(JSON.parse(text)), "dump of the big value is exact");
});

t.test("heap: the host growing memory behind the module is harmless", async (t) => {
  const r = instantiate();
  const before = r.memory.buffer.byteLength / 65536;
  r.memory.grow(3);
  const big = r.call("opa_malloc", 4 * 65536);
  t.ok(big + 4 * 65536 <= r.memory.buffer.byteLength, "allocation fits in memory");
  t.ok(r.memory.buffer.byteLength / 65536 >= before + 3);
  const v = r.parse('"still works"');
  t.equal(r.dump(v), '"still works"');
});

t.test("heap: opa_malloc_init moves the heap start", async (t) => {
  const r = instantiate();
  r.call("opa_malloc_init", 40001);
  t.equal(r.call("opa_heap_ptr_get"), 40008);
  const p = r.call("opa_malloc", 4);
  t.equal(p, 40016, "first payload after an 8-byte header");
});
