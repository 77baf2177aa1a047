// Command flux-ssa-apply is the benchmark's Flux peer: it applies a directory of manifests with the engine
// of Flux's kustomize-controller, fluxcd/pkg/ssa's ResourceManager.ApplyAllStaged, configured as the
// controller configures it (field manager kustomize-controller, owner labels, 4 concurrent dry runs as its
// --concurrent-ssa default). It is test tooling, built by scripts/bench into the cache; nothing shipped uses it.
//
// It prints one line: the change set's counts and the HTTP requests it sent.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/fluxcd/pkg/ssa"
	ssautils "github.com/fluxcd/pkg/ssa/utils"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

type countingTransport struct {
	next  http.RoundTripper
	count *atomic.Int64
}

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.count.Add(1)
	return t.next.RoundTrip(r)
}

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the target cluster")
	dir := flag.String("f", "", "directory of YAML manifests")
	concurrency := flag.Int("concurrency", 4, "concurrent dry runs (kustomize-controller's --concurrent-ssa default)")
	flag.Parse()
	if err := run(*kubeconfig, *dir, *concurrency); err != nil {
		fmt.Fprintln(os.Stderr, "flux-ssa-apply:", err)
		os.Exit(1)
	}
}

func run(kubeconfig, dir string, concurrency int) error {
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	cfg.QPS, cfg.Burst = 50, 300 // Flux's controller defaults (--kube-api-qps, --kube-api-burst)
	var requests atomic.Int64
	cfg.WrapTransport = func(rt http.RoundTripper) http.RoundTripper { return countingTransport{rt, &requests} }
	c, err := client.New(cfg, client.Options{})
	if err != nil {
		return err
	}

	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	var all bytes.Buffer
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		all.WriteString("---\n")
		all.Write(b)
		all.WriteString("\n")
	}
	objects, err := ssautils.ReadObjects(&all)
	if err != nil {
		return err
	}

	manager := ssa.NewResourceManager(c, nil, ssa.Owner{Field: "kustomize-controller", Group: "kustomize.toolkit.fluxcd.io"})
	manager.SetConcurrency(concurrency)
	manager.SetOwnerLabels(objects, "bench", "flux-system")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cs, err := manager.ApplyAllStaged(ctx, objects, ssa.DefaultApplyOptions())
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, e := range cs.Entries {
		counts[strings.ToLower(string(e.Action))]++
	}
	fmt.Printf("created %d, configured %d, unchanged %d; requests %d\n", counts["created"], counts["configured"],
		counts["unchanged"], requests.Load())
	return nil
}
