package kz.monetix.integration.payment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MoneyAndPhonesTest {

    @ParameterizedTest
    @CsvSource({"1000.00,100000", "1000,100000", "0.01,1", "1000.5,100050", "1000.500,100050", "9999999999.99,999999999999"})
    void majorToMinorUnits(String major, long minor) {
        assertEquals(minor, Money.toMinor(Money.parseMajor(major), "KZT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "10.001", "10000000000.01"})
    void rejectedAmounts(String major) {
        assertThrows(IllegalArgumentException.class, () -> Money.toMinor(Money.parseMajor(major), "KZT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1e3", "1,5", " ", "ten", "0x10", "1.", ".5"})
    void unparsableAmounts(String text) {
        assertThrows(IllegalArgumentException.class, () -> Money.parseMajor(text));
    }

    @ParameterizedTest
    @CsvSource({"100000,1000.00", "1,0.01", "100050,1000.50"})
    void minorBackToMajorText(long minor, String major) {
        assertEquals(major, Money.toMajorText(minor, "KZT"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"+7 (701) 123-45-67|77011234567", "77011234567|77011234567", "7 701 123 45 67|77011234567",
            "+7.701.123.45.67|77011234567"})
    void phonesAreNormalised(String raw, String normalised) {
        assertEquals(normalised, Phones.normalise(raw));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"87011234567", "7701123456", "770112345678", "+49 151 1234567", "7701abc4567", "++77011234567", "77011234567x"})
    void foreignOrMalformedPhonesAreRefused(String raw) {
        assertNull(Phones.normalise(raw));
    }

    @ParameterizedTest
    @CsvSource({"77011234567,7701*****67", "123,***"})
    void phonesAreMasked(String number, String masked) {
        assertEquals(masked, Phones.mask(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000.00"})
    void bigDecimalNeverPassesThroughDouble(String text) {
        assertEquals(new BigDecimal("1000.00"), Money.parseMajor(text));
    }
}
