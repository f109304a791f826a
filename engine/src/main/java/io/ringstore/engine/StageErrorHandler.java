package io.ringstore.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;

/**
 * The Disruptor {@link ExceptionHandler} of one stage: an exception thrown by the stage on an
 * event is logged and counted through {@link PipelineErrors}, the stage's {@link StageRecovery}
 * (when it has one) puts the event right, and the stage goes on with the next sequence. The
 * Disruptor's default handler would instead halt the stage, and with it every client. Installed
 * per stage by {@link Engine}; the fused pipeline calls it per stage too ({@link FusedStages}).
 * Runs on the stage's thread.
 */
final class StageErrorHandler implements ExceptionHandler<RequestEvent> {
    private static final System.Logger LOG = System.getLogger("ringstore");
    private final String stage;
    /** The stage this handler guards (null for the fused pipeline's outer fallback). */
    final EventHandler<RequestEvent> handler;
    private final PipelineErrors errors;
    private final StageRecovery recovery;

    StageErrorHandler(String stage, EventHandler<RequestEvent> handler, PipelineErrors errors) {
        this.stage = stage;
        this.handler = handler;
        this.errors = errors;
        this.recovery = handler instanceof StageRecovery ? (StageRecovery) handler : null;
    }

    @Override
    public void handleEventException(Throwable ex, long sequence, RequestEvent event) {
        errors.stageFailed(stage, event == null ? "?" : PipelineErrors.commandOf(event), sequence, ex);
        if (recovery != null && event != null) {
            try {
                recovery.recover(event, ex);
            } catch (Throwable again) {
                LOG.log(System.Logger.Level.WARNING, "Stage " + stage + " could not recover: " + again, again);
            }
        }
    }

    @Override
    public void handleOnStartException(Throwable ex) {
        LOG.log(System.Logger.Level.WARNING, "Stage " + stage + " failed to start: " + ex, ex);
    }

    @Override
    public void handleOnShutdownException(Throwable ex) {
        LOG.log(System.Logger.Level.WARNING, "Stage " + stage + " failed to shut down: " + ex, ex);
    }
}
