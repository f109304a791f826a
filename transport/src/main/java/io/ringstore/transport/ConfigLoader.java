package io.ringstore.transport;

import io.ringstore.engine.config.Config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads configuration the way redis-server does: an optional redis.conf-style file (one
 * "name value..." directive a line, '#' comments, quoted values) followed by {@code --name value}
 * command-line options, which win. Errors name the file, line and directive, and stop start-up.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static Config load(String[] argv) throws IOException {
        Config config = new Config();
        int i = 0;
        if (argv.length > 0 && !argv[0].startsWith("--")) {
            Path file = Path.of(argv[0]);
            config.configFile(file.toAbsolutePath().toString()); // INFO server config_file
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<String> words = words(line);
                apply(config, words, file + ":" + (n + 1));
            }
            i = 1;
        }
        while (i < argv.length) {
            String a = argv[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("Invalid argument '" + a + "': options are --name value");
            }
            List<String> words = new ArrayList<>();
            words.add(a.substring(2));
            i++;
            while (i < argv.length && !argv[i].startsWith("--")) {
                words.add(argv[i]);
                i++;
            }
            apply(config, words, "command line");
        }
        return config;
    }

    private static void apply(Config config, List<String> words, String where) {
        String name = words.get(0);
        String value = words.size() == 1 ? "" : String.join(" ", words.subList(1, words.size()));
        String err = config.setAtStartup(name, value);
        if (err != null) {
            throw new IllegalArgumentException("*** FATAL CONFIG FILE ERROR (" + where + ") ***\n>>> '"
                    + String.join(" ", words) + "'\n" + err);
        }
    }

    /** Splits a directive line into words, honouring "double" and 'single' quotes. */
    static List<String> words(String line) {
        List<byte[]> raw = RespDecoder.splitArgs(line.getBytes(StandardCharsets.UTF_8));
        if (raw == null) {
            throw new IllegalArgumentException("Unbalanced quotes in configuration line: " + line);
        }
        List<String> out = new ArrayList<>();
        for (byte[] b : raw) {
            out.add(new String(b, StandardCharsets.UTF_8));
        }
        return out;
    }
}
