// Command items serves the Items API. On AWS Lambda it reads
// proxy events through the lambdahttp adapter; anywhere else it is a plain
// HTTP server on $PORT (default 8080).
package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/items/api"
	"example.com/items/handlers"
	"example.com/items/internal/lambdahttp"
)

func main() {
	impl := &handlers.Handlers{}
	h := api.NewHandler(impl, api.WithAuthenticator(impl), api.WithClaims(gatewayClaims))
	if os.Getenv("AWS_LAMBDA_RUNTIME_API") != "" {
		// To log the SIGTERM that ends the environment, add
		// lambdahttp.WithSIGTERM(api.OnSIGTERM): it registers an extension,
		// a Runtime API round trip that makes every cold start later.
		lambdahttp.Start(h, lambdahttp.WithBasePath(api.BasePath), lambdahttp.WithBinaryTypes(api.BinaryMediaTypes...))
		return
	}
	if err := serve(api.WithHealthCheck(api.StripBasePath(h))); err != nil {
		slog.Error("server stopped", "error", err)
		os.Exit(1)
	}
}

// Limits for the local server, so that a slow or idle client cannot hold
// a connection (and the memory its announced body needs) for long. Lambda
// does not use them: API Gateway buffers each request before it arrives.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second // the whole request, body included
	writeTimeout      = 60 * time.Second // from the end of the headers to the end of the answer
	idleTimeout       = 120 * time.Second
)

// serve runs until SIGINT or SIGTERM, then lets requests in flight finish.
// It listens on $HOST (default 127.0.0.1, this machine only; set HOST=0.0.0.0
// in a container) and $PORT (default 8080).
func serve(h http.Handler) error {
	host, port := os.Getenv("HOST"), os.Getenv("PORT")
	if host == "" {
		host = "127.0.0.1"
	}
	if port == "" {
		port = "8080"
	}
	addr := net.JoinHostPort(host, port)
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout: readTimeout, WriteTimeout: writeTimeout, IdleTimeout: idleTimeout}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() {
		slog.Info("listening", "addr", "http://"+ln.Addr().String()+api.BasePath)
		errc <- srv.Serve(ln)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
