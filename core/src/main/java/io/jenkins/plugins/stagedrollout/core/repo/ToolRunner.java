package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.LogOutputStream;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs one external tool with an argument list (never a shell string), a timeout, every output line
 * streamed to the caller's sink, and the last lines kept for the error message when it fails.
 */
final class ToolRunner {

    private static final int LINES_KEPT_FOR_ERRORS = 40;

    /** What to say when the tool is not installed. */
    record Tool(String displayName, String command, String installHint) {
    }

    private final Duration timeout;
    private final Consumer<String> sink;

    ToolRunner(Duration timeout, Consumer<String> sink) {
        this.timeout = timeout;
        this.sink = sink;
    }

    void run(Tool tool, List<String> arguments, Path workingDirectory) {
        String executable = resolve(tool);
        CommandLine commandLine = new CommandLine(executable);
        arguments.forEach(argument -> commandLine.addArgument(argument, false));
        Deque<String> tail = new ArrayDeque<>();
        LogOutputStream lines = new LogOutputStream(0, Charset.defaultCharset()) {
            @Override
            protected void processLine(String line, int level) {
                synchronized (tail) {
                    if (tail.size() == LINES_KEPT_FOR_ERRORS) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
                sink.accept(tool.displayName() + ": " + line);
            }
        };
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor executor = DefaultExecutor.builder().setWorkingDirectory(workingDirectory.toFile()).get();
        executor.setStreamHandler(new PumpStreamHandler(lines, lines));
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        int exit;
        try {
            exit = executor.execute(commandLine);
        } catch (IOException e) {
            throw new RepositoryException(RepositoryException.Kind.TOOL_FAILURE,
                    tool.displayName() + " could not be started (" + executable + "): " + e.getMessage() + ".",
                    tool.installHint(), e);
        } finally {
            try {
                lines.close();
            } catch (IOException ignored) {
                // the lines already went to the sink; nothing left to report
            }
        }
        if (watchdog.killedProcess()) {
            throw new RepositoryException(RepositoryException.Kind.TOOL_FAILURE,
                    tool.displayName() + " did not finish within " + timeout + " and was stopped. Last output:\n" + String.join("\n", tail),
                    "Raise the tool timeout, or look for a hung filesystem under " + workingDirectory + ".");
        }
        if (exit != 0) {
            throw new RepositoryException(RepositoryException.Kind.TOOL_FAILURE,
                    tool.displayName() + " failed with exit code " + exit + " (" + executable + " " + String.join(" ", arguments)
                            + "). Its output:\n" + String.join("\n", tail),
                    "Correct the cause shown in the output (disk space, permissions, a broken package), then run again; the served repository is unchanged.");
        }
    }

    /** Finds the executable first, so that a missing tool gives the install hint instead of an exec error. */
    static String resolve(Tool tool) {
        String command = tool.command();
        if (command.contains(File.separator)) {
            if (Files.isExecutable(Path.of(command))) {
                return command;
            }
        } else {
            String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, command);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new RepositoryException(RepositoryException.Kind.TOOL_FAILURE,
                tool.displayName() + " was not found ('" + command + "' is not an executable file" + (command.contains(File.separator) ? "" : " on PATH") + ").",
                tool.installHint());
    }
}
