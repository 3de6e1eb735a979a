package kz.monetix.integration.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the runtime's log file of the current test application (Quarkus writes target/quarkus.log in tests) and reports secrets, OTP codes and full phone numbers in it. */
public final class LogScan {

    public static final Path LOG = Path.of("target/quarkus.log");
    /** The shipped signing and event secrets (the development API key is public and printed at start on purpose). */
    static final Set<String> SECRETS = Set.of("sandbox-secret-not-for-production", "sandbox-events-secret");

    private LogScan() {
    }

    public static List<String> leaks(Set<String> otps, Set<String> phones) throws IOException {
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        List<String> leaks = new ArrayList<>();
        SECRETS.stream().filter(log::contains).forEach(s -> leaks.add("secret " + s.substring(0, 8) + "…"));
        for (String otp : otps) {
            if (Pattern.compile("(?<![0-9A-Za-z])" + otp + "(?![0-9A-Za-z])").matcher(log).find()) {
                leaks.add("an OTP code");
            }
        }
        for (String phone : phones) {
            if (log.contains(phone)) {
                leaks.add("phone " + phone.substring(0, 4) + "***");
            }
        }
        return leaks;
    }
}
