package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.rest.ClobRestClient;
import dev.polymaker.polymarket.rest.RestBook;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The CLOB REST calls a socket needs: the silence witness ({@code POST /books}) and resync snapshots ({@code GET /book}). */
interface BookRest {

    CompletableFuture<List<RestBook>> books(List<String> tokenIds);

    CompletableFuture<RestBook> book(String tokenId);

    static BookRest of(ClobRestClient rest) {
        return new BookRest() {
            @Override
            public CompletableFuture<List<RestBook>> books(List<String> tokenIds) {
                return rest.booksAsync(tokenIds);
            }

            @Override
            public CompletableFuture<RestBook> book(String tokenId) {
                return rest.bookAsync(tokenId);
            }
        };
    }
}
