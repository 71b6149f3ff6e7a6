/**
 * A ring all-reduce of float arrays over TCP between the peers of a training run (plain NIO
 * sockets, no Spark): {@link org.neurite.spark.ring.RingEndpoint} listens and joins,
 * {@link org.neurite.spark.ring.RingAllReduce} sums, the same bits on every peer.
 */
package org.neurite.spark.ring;
