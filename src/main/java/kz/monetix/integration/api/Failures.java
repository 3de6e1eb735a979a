package kz.monetix.integration.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Names a failure by its root cause for the logs: wrappers (CamelExecutionException, ...) say nothing of it. */
@ApplicationScoped
@Named("failures")
public class Failures {

    public String rootCause(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        String where = root == failure ? "" : " (in " + failure.getClass().getSimpleName() + ")";
        return root.getClass().getName() + message + where;
    }
}
