package dev.aio4j.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README snippets come from demo sources (STYLE.md §4): every {@code <!-- snippet:NAME -->} in the
 * root README.md must be followed by a {@code ```java} block equal, line for line, to the region
 * between {@code // snippet:NAME} and {@code // end snippet:NAME} of a file under
 * {@code src/main/java} — a file with its own {@code main}, run by the tour (see
 * {@code ReadmeQuickstart}). {@code -DupdateSnippets=true} copies the regions into README.md instead
 * of failing: review the diff before committing it.
 */
class ReadmeSnippetsTest {
    private static final Path README = Paths.get("..", "README.md");
    private static final Path SOURCES = Paths.get("src", "main", "java");
    private static final boolean UPDATE = Boolean.getBoolean("updateSnippets");
    private static final Pattern README_TAG = Pattern.compile("^<!-- snippet:([a-z0-9-]+) -->$");
    private static final Pattern REGION_START = Pattern.compile("^\\s*// snippet:([a-z0-9-]+)$");

    /** A tagged region of a demo source file. */
    record Region(Path file, List<String> lines) {}

    /** A README block: the lines between its fences, and where they are (0-based, end exclusive). */
    record Block(int from, int to, List<String> lines) {}

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every region of the demo sources, by name; a region without its end, or a name used twice, fails. */
    static Map<String, Region> regions(Path root) throws IOException {
        Map<String, Region> regions = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher start = REGION_START.matcher(lines.get(i));
                if (!start.matches()) {
                    continue;
                }
                String name = start.group(1);
                String end = "// end snippet:" + name;
                int j = i + 1;
                while (j < lines.size() && !lines.get(j).strip().equals(end)) {
                    j++;
                }
                if (j == lines.size()) {
                    throw new AssertionError(file + ":" + (i + 1) + ": '// snippet:" + name + "' has no '" + end + "'");
                }
                Region previous = regions.put(name, new Region(file, List.copyOf(lines.subList(i + 1, j))));
                if (previous != null) {
                    throw new AssertionError("snippet '" + name + "' is tagged twice: " + previous.file() + " and " + file);
                }
                i = j;
            }
        }
        return regions;
    }

    /** Every tagged block of a README, by name; a tag not followed by a ```java block fails. */
    static Map<String, Block> blocks(List<String> readme) {
        Map<String, Block> blocks = new LinkedHashMap<>();
        for (int i = 0; i < readme.size(); i++) {
            Matcher tag = README_TAG.matcher(readme.get(i).strip());
            if (!tag.matches()) {
                continue;
            }
            String name = tag.group(1);
            int open = i + 1;
            while (open < readme.size() && readme.get(open).isBlank()) {
                open++;
            }
            if (open == readme.size() || !readme.get(open).strip().equals("```java")) {
                throw new AssertionError("README line " + (i + 1) + ": <!-- snippet:" + name + " --> must be followed by a ```java block");
            }
            int close = open + 1;
            while (close < readme.size() && !readme.get(close).strip().equals("```")) {
                close++;
            }
            if (close == readme.size()) {
                throw new AssertionError("README line " + (open + 1) + ": the ```java block of snippet '" + name + "' is never closed");
            }
            if (blocks.put(name, new Block(open + 1, close, List.copyOf(readme.subList(open + 1, close)))) != null) {
                throw new AssertionError("README tags snippet '" + name + "' twice");
            }
            i = close;
        }
        return blocks;
    }

    /** What differs between a README and the regions: one message per problem, empty when in sync. */
    static List<String> differences(List<String> readme, Map<String, Region> regions) {
        List<String> problems = new ArrayList<>();
        Map<String, Block> blocks = blocks(readme);
        for (Map.Entry<String, Block> entry : blocks.entrySet()) {
            String name = entry.getKey();
            Region region = regions.get(name);
            if (region == null) {
                problems.add("README snippet '" + name + "' has no '// snippet:" + name + "' region under src/main/java");
                continue;
            }
            List<String> block = entry.getValue().lines();
            if (!block.equals(region.lines())) {
                int line = 0;
                while (line < Math.min(block.size(), region.lines().size()) && block.get(line).equals(region.lines().get(line))) {
                    line++;
                }
                problems.add("README snippet '" + name + "' differs from " + region.file() + " at line " + (line + 1)
                        + " of the snippet:\n  README: " + (line < block.size() ? block.get(line) : "<end of block>")
                        + "\n  source: " + (line < region.lines().size() ? region.lines().get(line) : "<end of region>"));
            }
        }
        for (String name : regions.keySet()) {
            if (!blocks.containsKey(name)) {
                problems.add("region '// snippet:" + name + "' in " + regions.get(name).file() + " is not in README.md (<!-- snippet:" + name + " -->)");
            }
        }
        return problems;
    }

    /** The README with every tagged block replaced by its region. */
    static List<String> updated(List<String> readme, Map<String, Region> regions) {
        List<String> result = new ArrayList<>(readme);
        List<Map.Entry<String, Block>> blocks = new ArrayList<>(blocks(readme).entrySet());
        for (int k = blocks.size() - 1; k >= 0; k--) {   // from the end, so earlier positions stay valid
            Region region = regions.get(blocks.get(k).getKey());
            if (region != null) {
                Block block = blocks.get(k).getValue();
                result.subList(block.from(), block.to()).clear();
                result.addAll(block.from(), region.lines());
            }
        }
        return result;
    }

    @Test
    void everyReadmeSnippetIsItsDemoRegionVerbatim() throws IOException {
        List<String> readme = read(README);
        Map<String, Region> regions = regions(SOURCES);
        if (UPDATE) {
            Files.write(README, updated(readme, regions), StandardCharsets.UTF_8);
            readme = read(README);
        }
        List<String> problems = differences(readme, regions);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems)
                + "\nEdit the demo source and copy the region into README.md, or run this test with -DupdateSnippets=true.");
    }

    @Test
    void theReadmeCarriesTheQuickstartSnippetAndTheTourRunsIt() throws IOException {
        assertTrue(blocks(read(README)).containsKey("quickstart"), "README.md has no <!-- snippet:quickstart --> block");
        Region region = regions(SOURCES).get("quickstart");
        assertTrue(region != null && region.lines().stream().anyMatch(l -> l.contains("public static void main(")),
                "the quickstart region is a program with its own main");
        assertTrue(Examples.find("readme-quickstart").isPresent(), "the tour runs the quickstart (its output is checked)");
    }

    @Test
    void aChangedLineMissingBlockOrUnknownTagIsReported() {
        Map<String, Region> regions = Map.of("demo", new Region(Paths.get("Demo.java"), List.of("int a = 1;", "int b = 2;")));
        List<String> inSync = List.of("# T", "<!-- snippet:demo -->", "```java", "int a = 1;", "int b = 2;", "```", "after");
        assertEquals(List.of(), differences(inSync, regions));

        List<String> edited = List.of("<!-- snippet:demo -->", "```java", "int a = 1;", "int b = 3;", "```");
        List<String> problems = differences(edited, regions);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("at line 2") && problems.get(0).contains("int b = 3;"), problems.get(0));
        assertEquals(inSync.subList(1, 6), updated(edited, regions));

        assertTrue(differences(List.of("no tags"), regions).get(0).contains("is not in README.md"));
        assertTrue(differences(List.of("<!-- snippet:other -->", "```java", "x", "```"), Map.of()).get(0).contains("has no '// snippet:other' region"));
        AssertionError noFence = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> blocks(List.of("<!-- snippet:demo -->", "text")));
        assertTrue(noFence.getMessage().contains("must be followed by a ```java block"), noFence.getMessage());
    }
}
