package org.neurite.spark.barrier;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.BarrierTaskContext;
import org.neurite.spark.ring.RingAllReduce;
import org.neurite.spark.ring.RingEndpoint;

import scala.Function1;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The body of one long-lived barrier task: opens its ring endpoint, swaps addresses with the
 * other tasks once through {@link BarrierTaskContext#allGather} (which polls about once a second,
 * so it serves only this one exchange), joins the ring and trains. Holds only the recipe, the
 * mode, two timeouts and the driver's address for worker 0's reports.
 */
final class BarrierTask implements Function1<Iterator<Integer>, Iterator<WorkerResult>>, Serializable {

    private static final long serialVersionUID = 1L;

    private final TrainingRecipe recipe;
    private final BarrierMode mode;
    private final long connectMillis;
    private final long silenceMillis;
    /** The driver's {@code host:port} for worker 0's live reports, or {@code null}. */
    private final String reportTo;

    BarrierTask(TrainingRecipe recipe, BarrierMode mode, Duration connect, Duration silence, String reportTo) {
        this.recipe = recipe;
        this.mode = mode;
        this.connectMillis = connect.toMillis();
        this.silenceMillis = silence.toMillis();
        this.reportTo = reportTo;
    }

    @Override
    public Iterator<WorkerResult> apply(Iterator<Integer> ranks) {
        BarrierTaskContext context = BarrierTaskContext.get();
        int rank = context.partitionId();
        String host = host(context.getTaskInfos()[rank].address());
        try (RingEndpoint endpoint = RingEndpoint.open(host)) {
            List<String> addresses = Arrays.asList(context.allGather(endpoint.address()));
            // a new ring for every attempt of the stage, so that a connection left from a failed one is refused
            long ringId = ((long) context.stageId() << 32) | context.stageAttemptNumber();
            try (RingAllReduce ring = endpoint.join(ringId, rank, addresses, Duration.ofMillis(connectMillis),
                    Duration.ofMillis(silenceMillis))) {
                WorkerResult result = WorkerTraining.run(recipe, mode, ring, context.stageAttemptNumber(),
                        reportTo);
                return CollectionConverters.asScala(List.of(rank == 0 ? result : result.withoutWeights()).iterator());
            }
        }
    }

    /** The host of a task's address, which Spark gives as {@code host} or {@code host:port}. */
    private static String host(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
    }
}
