package org.neurite.launcher.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code neurite version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class VersionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("neurite version: not implemented yet");
        return ExitCodes.RUN_FAILED;
    }
}
