import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import type { RequestMeta } from './request-pipeline.js';
import { BodyParseError, pathOf } from './request-routing.js';
import type { SimContext } from './sim-context.js';
import { NotFound, RuleViolation } from './sim-errors.js';
import { ModelStateError, QueryError, sendException } from './v1/v1-http.js';
import { sendV2Error, V2QueryError } from './v2/v2-http.js';

/** Errors and unknown routes, answered in the shape of the API they came through (V1 ASP.NET, V2 envelope, admin). */
export function addErrorAnswers(
  app: FastifyInstance,
  ctx: SimContext,
  metas: WeakMap<FastifyRequest, RequestMeta>,
): void {
  app.setErrorHandler((error, request, reply) => {
    const api = metas.get(request)?.api ?? null;
    const v1Param = (request.routeOptions.config as { v1Param?: string } | undefined)?.v1Param ?? 'request';
    if (api === null) {
      const status =
        error instanceof NotFound ? 404 : error instanceof ZodError || error instanceof RuleViolation ? 400 : 500;
      const message =
        error instanceof ZodError
          ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
          : (error as Error).message;
      return reply.code(status).send({ error: message });
    }
    if (api === 'v1') {
      if (error instanceof NotFound) return sendException(reply, 404, error.message);
      if (error instanceof RuleViolation) return sendException(reply, 400, error.message);
      if (error instanceof ModelStateError)
        return reply.code(400).send({ Message: 'The request is invalid.', ModelState: error.modelState });
      if (error instanceof QueryError)
        return reply
          .code(400)
          .send({ Message: 'The request is invalid.', ModelState: { [error.param]: [error.message] } });
      if (error instanceof BodyParseError)
        return reply.code(400).send({ Message: 'The request is invalid.', ModelState: { [v1Param]: [error.message] } });
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      return sendException(reply, status, (error as Error).message);
    }
    if (error instanceof NotFound) return sendV2Error(reply, 404, 'validation', 'invalid_identifier', error.message);
    if (error instanceof RuleViolation) return sendV2Error(reply, 400, 'business_rules', error.v2Code, error.message);
    if (error instanceof V2QueryError) {
      return sendV2Error(reply, 400, 'validation', 'invalid_field_value', error.message, {
        field_name: error.field,
        field_value: error.value,
      });
    }
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      const field = issue?.path.join('.') ?? '';
      return sendV2Error(
        reply,
        400,
        'validation',
        issue?.code === 'invalid_type' && issue.message.includes('undefined')
          ? 'field_value_required'
          : 'invalid_field_value',
        `${field}: ${issue?.message ?? 'invalid'}`,
        { field_name: field },
      );
    }
    if (error instanceof BodyParseError)
      return sendV2Error(
        reply,
        400,
        'validation',
        'invalid_object',
        `The request body is not valid JSON: ${error.message}`,
      );
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return sendV2Error(reply, status, 'system', 'unspecified', (error as Error).message);
  });

  app.setNotFoundHandler((request, reply) => {
    const api = metas.get(request)?.api ?? null;
    if (api === 'v1') {
      return reply
        .code(404)
        .send({ Message: `No HTTP resource was found that matches the request URI '${ctx.origin()}${request.url}'.` });
    }
    if (api === 'v2')
      return sendV2Error(
        reply,
        404,
        'validation',
        'invalid_identifier',
        `No route ${request.method} ${pathOf(request.url)}.`,
      );
    return reply.code(404).send({ error: `No route ${request.method} ${pathOf(request.url)}.` });
  });
}
