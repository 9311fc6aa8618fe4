package dev.shardhouse.local.runtime;

/**
 * Runs the function on one event, as Lambda's synchronous Invoke does. Implementations may be called from several
 * threads; each call has the function to itself for its duration (one invocation per execution environment).
 */
public interface FunctionInvoker extends AutoCloseable {

    /** Invokes the function with an event document; a failing function is a result, not an exception. */
    InvocationResult invoke(byte[] event) throws InterruptedException;

    @Override
    void close();
}
