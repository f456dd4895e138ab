// The one place a request from any transport (IPC, HTTP, the CLI in-process) is validated against
// the contract and turned into a Result: unknown method → INVALID_INPUT, a method the caller's role
// may not call → FORBIDDEN (main/contract/permissions.ts), bad input → INVALID_INPUT with the field
// path, a thrown error → its AppError code. Adapters only translate to and from this
// function, and say who is asking (the request context); without one the caller is the local person.
import {
  API,
  isApiMethod,
  type ApiHandlers,
  type ApiMethod,
  type ApiParsedInput,
} from '../../contract/api.js';
import { appError, type Result } from '../../contract/errors.js';
import { mayCall } from '../../contract/permissions.js';
import { localContext, type RequestContext } from '../../contract/request-context.js';
import { toAppError } from '../errors/to-app-error.js';

export type Dispatch = (method: string, input: unknown, ctx?: RequestContext) => Promise<Result<unknown>>;

export function createDispatch(handlers: ApiHandlers): Dispatch {
  return async (method, rawInput, ctx = localContext()) => {
    if (!isApiMethod(method)) return { ok: false, error: appError('INVALID_INPUT', 'unknown method') };
    // Before the input is even parsed: a refused caller learns nothing about what the method accepts.
    if (!mayCall(ctx.actor.role, method)) return { ok: false, error: appError('FORBIDDEN', method) };
    const parsed = API[method].input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? first.path.map(String).join('.') || '(input)' : '(input)';
      return { ok: false, error: appError('INVALID_INPUT', where.slice(0, 200)) };
    }
    try {
      const value = await callHandler(handlers, method, parsed.data as ApiParsedInput<typeof method>, ctx);
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: toAppError(e) };
    }
  };
}

function callHandler<M extends ApiMethod>(
  handlers: ApiHandlers,
  method: M,
  input: ApiParsedInput<M>,
  ctx: RequestContext,
): unknown {
  const handler = handlers[method] as unknown as (i: ApiParsedInput<M>, c: RequestContext) => unknown;
  return handler.call(handlers, input, ctx);
}
