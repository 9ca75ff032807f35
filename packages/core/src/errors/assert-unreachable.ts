/** Ends an exhaustive `switch` over a union: adding a member without handling it fails to compile. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
