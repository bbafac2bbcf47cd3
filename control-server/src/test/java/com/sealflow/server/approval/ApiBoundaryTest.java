package com.sealflow.server.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The engine's public surface stays small: the facade, records, SPI, events and exceptions; the rest is package-private. */
class ApiBoundaryTest {

    static final Set<String> PUBLIC = Set.of("ApprovalEngine", "ApproverResolver", "ResolveContext", "ApprovalListener",
        "ApprovalEvent", "ApprovalCommand", "StartCommand", "ActionResult", "InstanceView", "TaskView", "HistoryEntry", "Page",
        "FlowSummary", "FlowVersionRef", "Simulation", "ValidationError", "FlowJson", "ApprovalException",
        "ApprovalNotFoundException", "ApprovalConflictException", "ApprovalValidationException");

    @Test
    void onlyTheApiIsPublic() {
        Set<String> publicTopLevel = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.sealflow.server.approval").stream()
            .filter(c -> c.getPackageName().equals("com.sealflow.server.approval"))
            .filter(JavaClass::isTopLevelClass)
            .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
            .map(JavaClass::getSimpleName)
            .collect(Collectors.toSet());
        assertThat(publicTopLevel).isEqualTo(PUBLIC);
    }
}
