package io.roster.assignor.preview;

import io.roster.assignor.Assignor;
import io.roster.assignor.AssignorRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code roster-assignor-preview}: shows what each assignor would do to a group after a
 * scale event. See {@code docs/preview.md}.
 *
 * <p>Exit codes: 0 done, 2 bad input or arguments (one {@code error:} line on stderr),
 * 1 an unexpected failure, which is a bug.
 */
@Command(name = "roster-assignor-preview", sortOptions = false,
        description = "Shows what each assignor would do to a consumer group after a scale event.")
public final class PreviewCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_BAD_INPUT = 2;

    private static final AssignorRegistry REGISTRY = AssignorRegistry.withDefaults();

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The group's state as JSON, or - for stdin.")
    private String file;

    @Option(names = "--add-members", paramLabel = "N", description = "Members that join (new-1, new-2, ...).")
    private int addMembers;

    @Option(names = "--remove-member", paramLabel = "ID", description = "A member that leaves; repeatable.")
    private List<String> removeMembers = new ArrayList<>();

    @Option(names = "--assignor", paramLabel = "NAME",
            description = "An assignor to preview; repeatable. Default: all (${COMPLETION-CANDIDATES}).",
            completionCandidates = AssignorNames.class)
    private List<String> assignors = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    private boolean help;

    private final InputStream stdin;

    private PreviewCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, System.in, out, err));
    }

    /** Runs the command as {@code main} does, but with the given streams; returns the exit code. */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new PreviewCommand(stdin))
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((e, ignored) -> fail(err, e.getMessage(), EXIT_BAD_INPUT))
                .setExecutionExceptionHandler((e, ignored, parsed) -> e instanceof InvalidInputException
                        ? fail(err, e.getMessage(), EXIT_BAD_INPUT)
                        : fail(err, "unexpected failure, please report it: " + e, EXIT_FAILURE));
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    @Override
    public Integer call() throws IOException {
        List<Assignor> selected = selectedAssignors();
        ScaleEvent event = new ScaleEvent(addMembers, new LinkedHashSet<>(removeMembers));
        PreviewReport report = AssignmentPreviewer.preview(readState(), event, selected);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? JsonReportRenderer.render(report) : TextReportRenderer.render(report));
        return EXIT_OK;
    }

    private List<Assignor> selectedAssignors() {
        Set<String> names = assignors.isEmpty() ? REGISTRY.names() : new LinkedHashSet<>(assignors);
        List<Assignor> selected = new ArrayList<>(names.size());
        for (String name : names) {
            if (!REGISTRY.contains(name)) {
                throw new InvalidInputException("--assignor: unknown assignor '" + name + "'; known: "
                        + String.join(", ", REGISTRY.names()));
            }
            selected.add(REGISTRY.get(name));
        }
        return selected;
    }

    private GroupState readState() throws IOException {
        if (file.equals("-")) {
            return GroupStateParser.parse(stdin);
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("FILE '" + file + "': not a valid path");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return GroupStateParser.parse(in);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("FILE '" + file + "': no such file");
        } catch (IOException e) {
            // Anything else the OS refuses (a directory, no permission): still the operator's input.
            throw new InvalidInputException("FILE '" + file + "': cannot read: " + e.getMessage());
        }
    }

    /** Reports on one line whatever the message holds, since scripts read stderr line by line. */
    private static int fail(PrintWriter err, String message, int exitCode) {
        err.println("error: " + String.join(" ", String.valueOf(message).strip().split("\\R+")));
        return exitCode;
    }

    /** For the help text. */
    static final class AssignorNames extends ArrayList<String> {
        AssignorNames() {
            super(REGISTRY.names());
        }
    }
}
