package com.sealflow.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sealflow.protocol.serial.AuthMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustodianAuthTest {

    private static final String LI_PIN = CustodianAuth.hash("1234");
    private static final String WANG_PIN = CustodianAuth.hash("5678");
    private static final String LI_BADGE = CustodianAuth.hash("04A1B2C3");

    private final CustodianAuth auth = new CustodianAuth(Map.of("li", LI_PIN, "wang", WANG_PIN), Map.of("li", LI_BADGE));

    @Test
    void aRememberedPinIsCheckedWithoutTheSlowHash() {
        assertTrue(auth.matches("li", AuthMethod.PIN, "1234"));
        assertEquals(1, auth.slowChecks());
        assertTrue(auth.matches("li", AuthMethod.PIN, "1234"));
        assertTrue(auth.matches("li", AuthMethod.PIN, "1234"));
        assertEquals(1, auth.slowChecks());
    }

    @Test
    void aWrongPinStillPaysTheSlowHashAndFailsAfterTheRightOneWasRemembered() {
        assertTrue(auth.matches("li", AuthMethod.PIN, "1234"));
        assertFalse(auth.matches("li", AuthMethod.PIN, "1235"));
        assertFalse(auth.matches("li", AuthMethod.PIN, "12340"));
        assertFalse(auth.matches("li", AuthMethod.PIN, ""));
        assertEquals(4, auth.slowChecks());
    }

    @Test
    void oneCustodiansRememberedPinDoesNotOpenAnothers() {
        assertTrue(auth.matches("li", AuthMethod.PIN, "1234"));
        assertFalse(auth.matches("wang", AuthMethod.PIN, "1234"));
        assertTrue(auth.matches("wang", AuthMethod.PIN, "5678"));
        assertFalse(auth.matches("li", AuthMethod.PIN, "5678"));
        assertFalse(auth.matches("zhao", AuthMethod.PIN, "1234"));
    }

    @Test
    void badgesAreCaseInsensitiveOnBothPathsAndArePinsOfTheirOwn() {
        assertTrue(auth.matches("li", AuthMethod.BADGE, "04a1b2c3"));
        assertTrue(auth.matches("li", AuthMethod.BADGE, "04A1B2C3"));
        assertEquals(1, auth.slowChecks());
        assertFalse(auth.matches("li", AuthMethod.PIN, "04A1B2C3"));
        assertFalse(auth.matches("li", AuthMethod.BADGE, "1234"));
    }

    @Test
    void theWildcardServesAnyCustodianAndAMalformedHashMatchesNothing() {
        CustodianAuth demo = new CustodianAuth(Map.of("*", LI_PIN, "broken", "sha1$1$AA==$AA=="), Map.of());
        assertTrue(demo.matches("anyone", AuthMethod.PIN, "1234"));
        assertTrue(demo.matches("someone-else", AuthMethod.PIN, "1234"));
        assertEquals(1, demo.slowChecks());
        assertFalse(demo.matches("broken", AuthMethod.PIN, "1234"));
        assertFalse(demo.matches("anyone", AuthMethod.BADGE, "1234"));
    }

    @Test
    void aNewProcessRemembersNothing() {
        assertTrue(auth.matches("li", AuthMethod.PIN, "1234"));
        CustodianAuth restarted = new CustodianAuth(Map.of("li", LI_PIN), Map.of());
        assertTrue(restarted.matches("li", AuthMethod.PIN, "1234"));
        assertEquals(1, restarted.slowChecks());
    }
}
