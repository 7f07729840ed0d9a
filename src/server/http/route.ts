import type { FastifyContextConfig, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../platform/access.ts';
import { actorOf } from './auth.ts';
import type { ZodApp } from './types.ts';

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** One route's contract: what the OpenAPI document shows and what the zod schemas check. */
export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema, R extends Schema> {
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The 200 response; without it the handler answers through `reply` (files, images). */
  response?: R;
  bodyLimit?: number;
  config?: FastifyContextConfig;
}

/** What a handler gets: the acting user and the request's parts, already checked against the schemas. */
export interface RouteCall<P extends Schema, Q extends Schema, B extends Schema> {
  actor: Actor;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  request: FastifyRequest;
  reply: FastifyReply;
}

type Handler<P extends Schema, Q extends Schema, B extends Schema, R extends Schema> = (
  call: RouteCall<P, Q, B>,
) => Promise<R extends z.ZodType ? z.output<R> : unknown>;

type Register = <
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  R extends Schema = undefined,
>(
  url: string,
  spec: RouteSpec<P, Q, B, R>,
  handler: Handler<P, Q, B, R>,
) => void;

/**
 * Registers a module's authenticated routes under one OpenAPI tag: each route names its schemas once and its
 * handler receives the actor (the global auth hook has already refused requests without a session).
 */
export function routes(app: ZodApp, tags: string[]): Record<'get' | 'post' | 'put' | 'patch' | 'delete', Register> {
  const register =
    (method: HTTPMethods): Register =>
    (url, spec, handler) => {
      const { summary, description, params, query, body, response, bodyLimit, config } = spec;
      const schema = {
        tags,
        summary,
        ...(description && { description }),
        ...(params && { params }),
        ...(query && { querystring: query }),
        ...(body && { body }),
        ...(response && { response: { 200: response } }),
      };
      app.route({
        method,
        url,
        schema,
        ...(bodyLimit !== undefined && { bodyLimit }),
        ...(config && { config }),
        // The validator compiler has replaced params/query/body with the schemas' outputs.
        handler: async (request: FastifyRequest, reply: FastifyReply) =>
          handler({
            actor: actorOf(request),
            params: request.params as never,
            query: request.query as never,
            body: request.body as never,
            request,
            reply,
          }),
      });
    };
  return {
    get: register('GET'),
    post: register('POST'),
    put: register('PUT'),
    patch: register('PATCH'),
    delete: register('DELETE'),
  };
}
