package com.sealflow.server.approval;

import java.util.List;

/** One page of a list ({@code page} from 0). */
public record Page<T>(List<T> items, int page, int size, long total) {
}
