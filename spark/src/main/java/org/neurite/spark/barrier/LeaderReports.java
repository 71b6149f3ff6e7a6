package org.neurite.spark.barrier;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;

/**
 * Worker 0's side of the live reports ({@link BarrierReports}): tells the driver every epoch's
 * start and end and every step's loss over one TCP connection, and after every epoch the
 * checkpoint files written and deleted since the last, so that the driver's run folder follows the
 * run. It is added after the checkpoint writer. Steps are sent at most every 100 ms; epochs and
 * files at once.
 */
final class LeaderReports implements TrainingListener, AutoCloseable {

    private static final long FLUSH_NANOS = 100_000_000L;

    private final Socket socket;
    private final DataOutputStream out;
    private final Path checkpoints;
    /** The checkpoint files the driver has, with their content. */
    private final Map<String, byte[]> sent = new HashMap<>();
    private long flushedAt = System.nanoTime();

    private LeaderReports(Socket socket, Path checkpoints) throws IOException {
        this.socket = socket;
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        this.checkpoints = checkpoints;
    }

    /**
     * @param address the driver's {@code host:port}
     * @param attempt the attempt of the barrier stage
     * @param checkpoints worker 0's checkpoint folder; the files it holds now are the driver's already
     * @param connect how long to try to connect
     * @return the reports, connected
     * @throws UncheckedIOException naming the driver's address if it cannot be reached
     */
    static LeaderReports connect(String address, int attempt, Path checkpoints, int connect) {
        int colon = address.lastIndexOf(':');
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))), connect);
            socket.setTcpNoDelay(true);
            LeaderReports reports = new LeaderReports(socket, checkpoints);
            reports.sent.putAll(files(checkpoints));
            reports.out.writeByte(ReportMessages.HELLO);
            reports.out.writeInt(attempt);
            reports.out.flush();
            return reports;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the connection failed already
            }
            throw new UncheckedIOException("barrier mode: worker 0 cannot report to the driver at " + address + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void onEpochStart(Trainer trainer, int epoch) {
        send(() -> {
            out.writeByte(ReportMessages.EPOCH_START);
            out.writeInt(epoch);
            out.flush();
        });
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
        send(() -> {
            out.writeByte(ReportMessages.STEP);
            out.writeInt(epoch);
            out.writeLong(step);
            out.writeDouble(loss);
            long now = System.nanoTime();
            if (now - flushedAt > FLUSH_NANOS) {
                out.flush();
                flushedAt = now;
            }
        });
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        EpochFigures f = EpochFigures.of(result);
        send(() -> {
            out.writeByte(ReportMessages.EPOCH_END);
            out.writeInt(f.epoch());
            for (double v : new double[] {f.loss(), f.accuracy(), f.validationLoss(), f.validationAccuracy(),
                    f.seconds(), f.learningRate()}) {
                out.writeDouble(v);
            }
            sendFiles();
            out.flush();
        });
    }

    @Override
    public void onTrainingEnd(Trainer trainer, TrainingHistory history) {
        send(() -> {
            sendFiles();
            out.writeByte(ReportMessages.DONE);
            out.flush();
        });
    }

    /** Sends the checkpoint files that are new or changed since the last time, and those deleted. */
    private void sendFiles() throws IOException {
        Map<String, byte[]> now = files(checkpoints);
        for (String gone : sent.keySet().stream().filter(p -> !now.containsKey(p)).sorted().toList()) {
            out.writeByte(ReportMessages.DELETED);
            out.writeUTF(gone);
            sent.remove(gone);
        }
        for (Map.Entry<String, byte[]> file : now.entrySet()) {
            if (!Arrays.equals(sent.get(file.getKey()), file.getValue())) {
                out.writeByte(ReportMessages.FILE);
                out.writeUTF(file.getKey());
                out.writeInt(file.getValue().length);
                out.write(file.getValue());
                sent.put(file.getKey(), file.getValue());
            }
        }
    }

    /** Every file under a folder by its path there, with '/' between names, in the order of their paths. */
    static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
                files.put(folder.relativize(file).toString().replace(java.io.File.separatorChar, '/'),
                        Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** Writing to the driver, for {@link #send}. */
    private interface Write {
        void run() throws IOException;
    }

    private void send(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException("barrier mode: worker 0 lost its connection to the driver at "
                    + socket.getRemoteSocketAddress() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // the driver has what was sent; nothing more to tell it
        }
    }
}
