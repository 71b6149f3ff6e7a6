package org.neurite.spark.barrier;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The driver's side of the live reports: a server socket that worker 0 of every attempt connects
 * to, and a thread per connection that reads its messages and tells them to the
 * {@link BarrierReports}, one at a time, without telling an epoch or a step twice.
 */
final class ReportChannel implements AutoCloseable {

    private final ServerSocket server;
    private final String address;
    private final BarrierReports reports;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Object lock = new Object();
    private int epochStarted;
    private int epochEnded;
    private long step;
    private volatile RuntimeException failure;

    private ReportChannel(ServerSocket server, String host, BarrierReports reports) {
        this.server = server;
        this.address = host + ":" + server.getLocalPort();
        this.reports = reports;
        Thread acceptor = new Thread(this::accept, "neurite-barrier-reports");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param host the driver's host as executors reach it
     * @param reports what hears the reports
     * @return the channel, listening on a free port of every interface
     * @throws IllegalStateException if no port can be opened
     */
    static ReportChannel open(String host, BarrierReports reports) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(0));
            return new ReportChannel(server, host, reports);
        } catch (IOException e) {
            throw new IllegalStateException("barrier mode: cannot open a port for the workers' reports: "
                    + e.getMessage(), e);
        }
    }

    /** @return {@code host:port}, for worker 0 */
    String address() {
        return address;
    }

    /**
     * Waits until worker 0 said it ended and everything it sent before was told.
     *
     * @param timeout how long to wait
     * @throws IllegalStateException if the end did not come, or telling a report failed
     */
    void awaitDone(Duration timeout) {
        try {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("barrier mode: the workers ended, but worker 0's last reports did not"
                        + " reach the driver at " + address + " within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("barrier mode: interrupted while waiting for worker 0's reports", e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> read(socket), "neurite-barrier-reports-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void read(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16))) {
            while (true) {
                byte tag = in.readByte();
                synchronized (lock) {
                    if (tell(tag, in)) {
                        return;
                    }
                }
            }
        } catch (EOFException e) {
            // an attempt that ended or failed; a retried one connects again
        } catch (IOException e) {
            // the same: a lost executor's connection
        } catch (RuntimeException e) {
            failure = e;
            done.countDown();
        }
    }

    /** Tells one message; returns whether it was the last. */
    private boolean tell(byte tag, DataInputStream in) throws IOException {
        switch (tag) {
            case ReportMessages.HELLO -> in.readInt();
            case ReportMessages.EPOCH_START -> {
                int epoch = in.readInt();
                if (epoch > epochStarted) {
                    epochStarted = epoch;
                    reports.epochStarted(epoch);
                }
            }
            case ReportMessages.STEP -> {
                int epoch = in.readInt();
                long s = in.readLong();
                double loss = in.readDouble();
                if (s > step) {
                    step = s;
                    reports.stepEnded(epoch, s, loss);
                }
            }
            case ReportMessages.EPOCH_END -> {
                EpochFigures figures = ReportMessages.readFigures(in);
                if (figures.epoch() > epochEnded) {
                    epochEnded = figures.epoch();
                    reports.epochEnded(figures);
                }
            }
            case ReportMessages.FILE -> {
                String path = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                reports.checkpointWritten(path, bytes);
            }
            case ReportMessages.DELETED -> reports.checkpointDeleted(in.readUTF());
            case ReportMessages.DONE -> {
                done.countDown();
                return true;
            }
            default -> throw new IOException("unknown report " + tag);
        }
        return false;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing listens any more either way
        }
    }
}
