package io.jenkins.plugins.stagedrollout.browser;

import hudson.util.PluginServletFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sends every page with a Content-Security-Policy that allows scripts only from files of the controller: an inline
 * script or an {@code onclick=} handler on a page is then refused by the browser, which logs it, and the browser
 * tests fail on that log line.
 */
final class StrictContentSecurityPolicy implements Filter {

    static final String POLICY = "script-src 'self'; object-src 'none'; base-uri 'self'";

    static void install() throws ServletException {
        PluginServletFilter.addFilter(new StrictContentSecurityPolicy());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            http.setHeader("Content-Security-Policy", POLICY);
        }
        chain.doFilter(request, response);
    }
}
