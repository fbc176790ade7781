package dev.polymaker.marketdata.web;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.catalog.MarketCatalog;
import dev.polymaker.marketdata.catalog.MarketName;
import dev.polymaker.marketdata.sequencing.TickSequencer;
import org.springframework.beans.factory.ObjectProvider;
import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.demand.Admission;
import dev.polymaker.marketdata.demand.DemandSource;
import dev.polymaker.marketdata.demand.TokenDemand;
import dev.polymaker.marketdata.demand.TokenDemandView;
import dev.polymaker.marketdata.sequencing.Epoch;
import dev.polymaker.marketdata.upstream.MarketFeed;
import dev.polymaker.polymarket.upstream.TokenStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the service holds upstream and why ({@code GET}), and admin demand ({@code PUT}/{@code DELETE},
 * bearer admin token): an admin reference works like any other source, so a DELETE only
 * releases the token once no subscriber, file or configuration wants it either.
 */
@RestController
@RequestMapping("/api/subscriptions")
public class SubscriptionsController {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionsController.class);

    private final TokenDemand demand;
    private final MarketFeed feed;
    private final AdminAuthorization admin;
    private final Epoch epoch;
    private final TickSequencer sequencer;
    private final ObjectProvider<MarketCatalog> catalog;

    public SubscriptionsController(TokenDemand demand, MarketFeed feed, AdminAuthorization admin, Epoch epoch,
                                   TickSequencer sequencer, ObjectProvider<MarketCatalog> catalog) {
        this.demand = demand;
        this.feed = feed;
        this.admin = admin;
        this.epoch = epoch;
        this.sequencer = sequencer;
        this.catalog = catalog;
    }

    /**
     * One held token: its upstream state ({@code null} before the pool reports it; RESOLVED once its
     * market resolved), demand per source, STOMP subscriber count, socket id (-1 when not assigned),
     * when it will be released (epoch ms; 0 while something wants it), its market question and
     * outcome from Gamma (null until looked up), whether it is still subscribed upstream (a resolved
     * token leaves after the grace period), and the winning token of a resolved market.
     */
    public record SubscriptionView(String tokenId, String state, Map<DemandSource, Integer> sources, int subscribers,
                                   int socket, long stateSince, String reason, long releaseAt, String question,
                                   String outcome, boolean upstream, String winningTokenId) {
    }

    public record SubscriptionsView(String epoch, int count, int maxTokens, List<SubscriptionView> tokens) {
    }

    @GetMapping
    public SubscriptionsView all() {
        List<SubscriptionView> views = demand.views().values().stream().map(this::view).toList();
        return new SubscriptionsView(epoch.value(), views.size(), demand.maxTokens(), views);
    }

    @PutMapping("/{tokenId}")
    public ResponseEntity<SubscriptionView> put(@PathVariable String tokenId,
                                                @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        admin.check(authorization);
        checkId(tokenId);
        boolean already = demand.wants(DemandSource.ADMIN, tokenId);
        if (!already) {
            if (demand.acquire(DemandSource.ADMIN, tokenId) != Admission.ACCEPTED) {
                throw new ApiException(HttpStatus.CONFLICT, "token_limit", "the service already holds marketdata.max-tokens ("
                        + demand.maxTokens() + ") tokens");
            }
            log.info("admin subscribed token {}", tokenId);
        }
        SubscriptionView view = view(demand.view(tokenId).orElseThrow());
        return ResponseEntity.status(already ? HttpStatus.OK : HttpStatus.CREATED).body(view);
    }

    @DeleteMapping("/{tokenId}")
    public ResponseEntity<Void> delete(@PathVariable String tokenId,
                                       @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        admin.check(authorization);
        checkId(tokenId);
        if (!demand.wants(DemandSource.ADMIN, tokenId)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_admin_subscribed",
                    "token " + tokenId + " has no admin subscription");
        }
        demand.releaseAll(DemandSource.ADMIN, tokenId);
        log.info("admin released token {}", tokenId);
        return ResponseEntity.noContent().build();
    }

    private static void checkId(String tokenId) {
        if (!Destinations.isValidTokenId(tokenId)) {
            throw ApiException.badTokenId(tokenId);
        }
    }

    private SubscriptionView view(TokenDemandView demandView) {
        String tokenId = demandView.tokenId();
        Optional<TokenStatus> status = feed.tokenStatus(tokenId);
        Optional<Tick> latest = sequencer.latest(tokenId);
        boolean resolved = latest.map(t -> t.state() == TickState.RESOLVED).orElse(false);
        MarketCatalog names = catalog.getIfAvailable();
        Optional<MarketName> name = names == null ? Optional.empty() : names.name(tokenId);
        String state = status.map(s -> s.state().name()).orElse(resolved ? TickState.RESOLVED.name() : null);
        return new SubscriptionView(tokenId, state, demandView.sources(), demandView.subscribers(),
                status.map(TokenStatus::socketId).orElse(-1), status.map(TokenStatus::stateSince).orElse(0L),
                status.map(TokenStatus::reason).orElse(null), demandView.releaseAt(),
                name.map(MarketName::question).orElse(null), name.map(MarketName::outcome).orElse(null),
                !demand.retired(tokenId), resolved ? latest.get().winningTokenId() : null);
    }
}
