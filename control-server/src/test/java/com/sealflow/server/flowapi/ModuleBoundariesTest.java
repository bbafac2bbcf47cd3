package com.sealflow.server.flowapi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Seals know nothing of requests; requests know nothing of the HTTP flow/task layer; nobody reaches into the engine's inside. */
class ModuleBoundariesTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("com.sealflow.server.seal", "com.sealflow.server.request", "com.sealflow.server.flowapi");

    @Test
    void sealDependsOnNeitherRequestsNorFlows() {
        noClasses().that().resideInAPackage("..server.seal..").should().dependOnClassesThat()
            .resideInAnyPackage("..server.request..", "..server.flowapi..", "..server.approval..").check(CLASSES);
    }

    @Test
    void requestDoesNotDependOnTheFlowApi() {
        noClasses().that().resideInAPackage("..server.request..").should().dependOnClassesThat()
            .resideInAPackage("..server.flowapi..").check(CLASSES);
    }
}
