/**
 * Who does something: a signed-in user of a workspace and the address they came
 * from. Every domain function that changes something takes one and records its own
 * audit event with it.
 */
export interface Actor {
  workspaceId: string;
  user: { id: string; email: string };
  ip: string | null;
}
