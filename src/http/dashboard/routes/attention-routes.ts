import type { FastifyInstance } from 'fastify';
import type { Dash } from '../dashboard-context.js';
import { attentionAll } from '../model/attention.js';
import { attentionView } from '../views/attention-view.js';
import { renderPage } from './page.js';

export function attentionRoutes(f: FastifyInstance, dash: Dash): void {
  const { app } = dash;
  f.get('/attention', async (req, reply) => {
    const items = await attentionAll(app, dash.service.started);
    const body = attentionView(items, app.clock.now(), {
      url: !!app.config.ALERT_WEBHOOK_URL,
      staleMinutes: app.config.STALE_AFTER_MINUTES,
    });
    return renderPage(dash, req, reply, { title: 'Needs attention', active: 'attention' }, body);
  });
}
