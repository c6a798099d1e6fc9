import { describe, expect, it } from "vitest";
import { adminStateOf, haproxyCause, isMarkedDown, mergeSnapshot, parseServersState } from "@/lib/balancer/haproxy/snapshot";
import { parseRuntimeAddress } from "@/lib/balancer/haproxy/runtime-address";
import { commands } from "@/lib/balancer/haproxy/commands";

// Trimmed from HAProxy 2.6's real answers (the columns Faultline reads, in HAProxy's order).
const STAT = `# pxname,svname,scur,status,weight,act,bck,lastchg,type,lbtot,check_status,check_code,hrsp_5xx,last_chk,addr,
shop,FRONTEND,0,OPEN,,,,,0,,,,0,,,
shop,a1,2,DRAIN,50,1,0,4,2,120,L7OK,200,3,,127.0.0.1:28101,
shop,a2,0,DOWN,100,1,0,7,2,40,L4CON,,0,Connection refused,127.0.0.1:28103,
shop,b1,0,UP,100,0,1,9,2,0,L7STS,503,0,HTTP status check returned code <3C>503<3E>,127.0.0.1:28102,
shop,c1,0,DOWN,100,1,0,3,2,9,HANA,,7,"Detected 10 consecutive errors, last one was: L7STS",127.0.0.1:28104,
shop,BACKEND,2,UP,200,2,1,9,1,160,,,3,,,
`;
const STATE = `1
# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status
3 shop 1 a1 127.0.0.1 2 8 50 100 1 15
3 shop 2 a2 127.0.0.1 0 0 100 100 8 8
3 shop 3 b1 127.0.0.1 2 1 100 100 8 15
3 shop 4 c1 127.0.0.1 0 0 100 100 3 8
`;

describe("HAProxy answers", () => {
  it("merges show stat and show servers state per server, by column name", () => {
    const s = mergeSnapshot(STAT, STATE);
    expect(s.map((x) => [x.server, x.status, x.adminState, x.weight, x.backup, x.serving, x.selectedTotal, x.responses5xx, x.sessions])).toEqual([
      ["a1", "DRAIN", "DRAIN", 50, false, false, 120, 3, 2],
      ["a2", "DOWN", "READY", 100, false, false, 40, 0, 0],
      ["b1", "UP", "MAINT", 100, true, false, 0, 0, 0],
      ["c1", "DOWN", "READY", 100, false, false, 9, 7, 0],
    ]);
    // A quoted field with a comma does not shift the columns after it.
    expect(s[3]).toMatchObject({ checkDetail: "Detected 10 consecutive errors, last one was: L7STS", address: "127.0.0.1:28104" });
  });

  it("words the cause the way HAProxy reports it", () => {
    const [, a2, b1] = mergeSnapshot(STAT, STATE);
    expect(haproxyCause(a2!)).toBe("L4CON Connection refused");
    expect(haproxyCause(b1!)).toBe("L7STS 503");
    expect(isMarkedDown(a2!)).toBe(true);
    expect(isMarkedDown({ status: "DOWN", adminState: "MAINT" })).toBe(false);
  });

  it("reads admin state bits: maintenance of any kind wins over drain", () => {
    expect([0, 0x08, 0x10, 0x01, 0x20, 0x09].map(adminStateOf)).toEqual(["READY", "DRAIN", "DRAIN", "MAINT", "MAINT", "MAINT"]);
    expect(parseServersState(STATE)).toHaveLength(4);
    expect(() => mergeSnapshot("no header", STATE)).toThrow(/no CSV header/);
  });

  it("parses runtime addresses and refuses anything else with the reason", () => {
    expect(parseRuntimeAddress("unix:/run/haproxy/admin.sock")).toEqual({ kind: "unix", path: "/run/haproxy/admin.sock" });
    expect(parseRuntimeAddress("ipv4@127.0.0.1:9999")).toEqual({ kind: "tcp", host: "127.0.0.1", port: 9999 });
    expect(parseRuntimeAddress("unix:relative.sock")).toEqual({ error: expect.stringMatching(/absolute/) });
    expect(parseRuntimeAddress("127.0.0.1:70000")).toEqual({ error: expect.stringMatching(/outside/) });
    expect(parseRuntimeAddress("http://x")).toEqual({ error: expect.stringMatching(/expected/) });
  });

  it("builds commands from safe names only (no command injection through a name)", () => {
    expect(commands.setWeight("shop", "a-1", 0)).toBe("set server shop/a-1 weight 0");
    expect(commands.setState("shop", "a-1", "DRAIN")).toBe("set server shop/a-1 state drain");
    expect(() => commands.setWeight("shop", "a-1;shutdown", 1)).toThrow(/server name/);
    expect(() => commands.setWeight("shop", "a-1", 257)).toThrow(/0–256/);
    expect(() => commands.setWeight("shop", "a-1", 1.5)).toThrow(/0–256/);
  });
});
