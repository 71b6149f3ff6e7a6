package org.neurite.api;

/**
 * A layer that maps token ids to next-token logits and can also continue sequences a few tokens
 * at a time, keeping what it computed for the earlier tokens (the keys and values of its
 * attention layers), so that each new token costs a constant amount of projection work instead
 * of a pass over the whole prefix. Generation ({@code neurite generate}, or an embedding
 * application) feeds a prompt once, then one sampled token per step.
 *
 * <p>Shape: {@link #forward} takes {@code [batch, time]} ids (whole numbers as floats) with
 * {@code time <= context()} and gives {@code [batch, time, vocabulary]} logits;
 * {@link Session#next} takes {@code [batch, n]} and gives {@code [batch, n, vocabulary]};
 * {@link Session#nextLast} gives {@code [batch, vocabulary]}.
 */
public interface IncrementalDecoder extends Layer {

    /** @return the longest sequence it can attend over (its position table) */
    int context();

    /** @return the number of tokens it scores */
    int vocabulary();

    /**
     * @return a new, empty session: the state of sequences being continued, all of one batch
     *     size (fixed by the first call to {@link Session#next})
     */
    Session start();

    /**
     * A new, empty session that may keep what {@code previous} prepared (its buffers, and the
     * weights in the layout its steps read, as they were when the first session of the chain
     * started): what generation takes when a session's context is full and it starts again from
     * its latest tokens. {@code previous} must not be used afterwards. The default is {@link #start()}.
     *
     * @param previous a session of this decoder
     * @return an empty session
     */
    default Session restart(Session previous) {
        return start();
    }

    /**
     * A new, empty session beside {@code session}, which goes on: it shares what that one prepared
     * (the weights in the layout its steps read), so that the two can be continued together
     * ({@link Session#nextLast(Tensor, Session)}). Generation keeps such a follower to take over
     * when a session's context is full. The default is {@link #start()}.
     *
     * @param session a session of this decoder, still in use
     * @return an empty session
     */
    default Session beside(Session session) {
        return start();
    }

    /** The cached state of sequences being continued. */
    interface Session {

        /** @return how many tokens each sequence holds so far */
        int length();

        /**
         * Appends tokens to each sequence, in inference, and scores what may follow each.
         *
         * @param ids the next tokens {@code [batch, n]}
         * @return the logits after each of them, {@code [batch, n, vocabulary]}
         * @throws ShapeMismatchException if {@code length() + n} exceeds {@link #context()}: a
         *     caller that goes on starts a new session with the latest tokens (absolute
         *     positions cannot slide)
         */
        Tensor next(Tensor ids);

        /**
         * Appends tokens as {@link #next} does, but scores only what may follow the last of them,
         * which is what generation needs after a prompt: a decoder may then skip the work that
         * only the earlier tokens' scores need. The default takes the last step of {@link #next}.
         *
         * @param ids the next tokens {@code [batch, n]}
         * @return the logits after the last of them, {@code [batch, vocabulary]}
         * @throws ShapeMismatchException as {@link #next}
         */
        default Tensor nextLast(Tensor ids) {
            int n = ids.shape().dim(1);
            return next(ids).slice(1, n - 1, n).reshape(ids.shape().dim(0), -1);
        }

        /**
         * Appends tokens as {@link #nextLast(Tensor)} does, and the same tokens to {@code follower},
         * a shorter session whose scores nobody needs. Generation feeds the latest tokens to such a
         * follower from the time this session holds half its context, so that when this one is full
         * the follower goes on with them already cached, instead of a pass over them then. A
         * decoder may run both in one pass (reading each weight once for both); the default runs
         * {@code follower.nextLast(ids)}, then {@code nextLast(ids)}.
         *
         * @param ids the next tokens {@code [batch, n]}
         * @param follower another session of the same decoder and batch size, such as one from
         *     {@link IncrementalDecoder#beside}
         * @return the logits after the last of the tokens in this session, {@code [batch, vocabulary]}
         * @throws ShapeMismatchException as {@link #next}, for either session
         */
        default Tensor nextLast(Tensor ids, Session follower) {
            follower.nextLast(ids);
            return nextLast(ids);
        }
    }
}
