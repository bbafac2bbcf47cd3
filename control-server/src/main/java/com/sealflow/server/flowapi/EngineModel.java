package com.sealflow.server.flowapi;

import com.sealflow.server.approval.ApproverResolver;
import com.sealflow.server.approval.ResolveContext;
import io.vertx.core.Future;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Bridges to engine values whose types live in the engine's {@code approval.model} package. The engine's resolver SPI
 * and its add-signers command use those types, while the architecture rule lets other features use only public classes
 * of a feature's top package; so the few places that need them read records by component name and enums by constant
 * name here, and nowhere else. Remove this class when the engine exposes these types at its top level (or the rule
 * admits {@code approval.model} as API).
 */
final class EngineModel {

    private EngineModel() {
    }

    /** A record's components by name (an engine ApproverSpec: type, userIds, role, level, of, upToLevel, field). */
    static Map<String, Object> components(Object record) {
        Map<String, Object> out = new HashMap<>();
        if (record == null || !record.getClass().isRecord()) {
            return out;
        }
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(record);
                out.put(c.getName(), v instanceof Enum<?> e ? e.name() : v);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getSimpleName(), e);
            }
        }
        return out;
    }

    /** The constant {@code name} of the enum type of {@code recordType}'s component {@code component}, or null if none. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object enumConstant(Class<?> recordType, String component, String name) {
        for (RecordComponent c : recordType.getRecordComponents()) {
            if (c.getName().equals(component) && c.getType().isEnum()) {
                try {
                    return Enum.valueOf((Class) c.getType(), name);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        throw new IllegalStateException(recordType.getSimpleName() + " has no enum component " + component);
    }

    /** The engine's {@link ApproverResolver} over {@link SealFlowResolver}. */
    @SuppressWarnings("unchecked")
    static ApproverResolver resolver(SealFlowResolver impl) {
        return (ApproverResolver) Proxy.newProxyInstance(ApproverResolver.class.getClassLoader(), new Class<?>[] {ApproverResolver.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "resolve" -> impl.resolve(components(args[0]), (ResolveContext) args[1]);
                case "displayNames" -> impl.displayNames((Collection<String>) args[0]);
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "SealFlowResolver";
                default -> Future.failedFuture(new UnsupportedOperationException(method.getName()));
            });
    }
}
