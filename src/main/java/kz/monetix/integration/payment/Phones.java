package kz.monetix.integration.payment;

/** Kazakhstan mobile numbers: the 11-digit {@code 7XXXXXXXXXX} form Monetix expects, and a masked form for logs and views. */
public final class Phones {

    private Phones() {
    }

    /**
     * Strips spaces, punctuation and a leading {@code +}.
     *
     * @return the 11-digit number, or null when the input is not a Kazakhstan number
     */
    public static String normalise(String raw) {
        if (raw == null || raw.length() > 40) {
            return null;
        }
        String trimmed = raw.strip();
        if (trimmed.startsWith("+")) {
            trimmed = trimmed.substring(1);
        }
        if (!trimmed.matches("[0-9 ()\\-.]+")) {
            return null;
        }
        String digits = trimmed.replaceAll("[^0-9]", "");
        return digits.matches("7[0-9]{10}") ? digits : null;
    }

    /** {@code 77011234567} becomes {@code 7701*****67}: at most six digits shown; anything shorter is masked whole. */
    public static String mask(String number) {
        if (number == null || number.length() < 9) {
            return "***";
        }
        return number.substring(0, 4) + "*".repeat(number.length() - 6) + number.substring(number.length() - 2);
    }
}
