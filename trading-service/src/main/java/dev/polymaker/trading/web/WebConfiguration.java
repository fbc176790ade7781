package dev.polymaker.trading.web;

import dev.polymaker.trading.config.TradingProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the admin check in front of every non-GET {@code /api} call. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    private final TradingProperties props;

    public WebConfiguration(TradingProperties props) {
        this.props = props;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AdminAuthInterceptor(props.getAdmin().getToken())).addPathPatterns("/api/**");
    }
}
