;;; eglot-test.el --- debrief-ls in Emacs 28 + eglot 1.9, with the README's snippets  -*- lexical-binding: t -*-

;; Run by run.sh as: emacs --batch -Q -l eglot-test.el, with debrief-ls on PATH and
;; DEBRIEF_REPO / DEBRIEF_WORK set. Loads the Debian elpa packages as package.el would,
;; evaluates the README's tested init snippet, writes its .dir-locals.el snippet into a
;; second project, then drives eglot and Flymake as a user would: open debriefs, wait for
;; the findings, pick a quick fix through `eglot-code-actions'.

(require 'cl-lib)

(defvar debrief-test-passed 0)
(defvar debrief-test-failed 0)

(defun debrief-test-say (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n")))

(defmacro debrief-test (name &rest body)
  (declare (indent 1))
  `(let ((started (float-time)))
     (condition-case err
         (progn ,@body
                (cl-incf debrief-test-passed)
                (debrief-test-say "  ok    %s (%.0f ms)" ,name (* 1000 (- (float-time) started))))
       (error
        (cl-incf debrief-test-failed)
        (debrief-test-say "  FAIL  %s\n        %s" ,name (error-message-string err))))))

(defun debrief-test-wait (seconds what predicate)
  "Return PREDICATE's first non-nil value, serving process output meanwhile; fail after SECONDS."
  (let ((deadline (+ (float-time) seconds))
        value)
    (while (and (not (setq value (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or value (error "Timed out after %ss waiting for %s" seconds what))))

(defun debrief-test-env (name)
  (let ((value (getenv name)))
    (if (and value (not (string-empty-p value))) value
      (error "Environment variable %s is not set (run tests/editors/emacs/run.sh)" name))))

(defun debrief-test-write (file content)
  (make-directory (file-name-directory file) t)
  (with-temp-file file (insert content)))

(defun debrief-test-readme-snippets (readme)
  "The emacs-lisp blocks marked `<!-- tested: emacs' in README's Emacs section."
  (with-temp-buffer
    (insert-file-contents readme)
    (goto-char (point-min))
    (re-search-forward "^### Emacs (eglot)$")
    (let ((end (save-excursion (if (re-search-forward "^### " nil t) (point) (point-max))))
          snippets)
      (while (re-search-forward "^<!-- tested: emacs.*\n```emacs-lisp\n\\(\\(?:.*\n\\)*?\\)```$" end t)
        (push (match-string-no-properties 1) snippets))
      (nreverse snippets))))

(defun debrief-test-code (diagnostic)
  (plist-get (cdr (assoc 'eglot-lsp-diag (eglot--diag-data diagnostic))) :code))

(defun debrief-test-codes ()
  (sort (mapcar #'debrief-test-code (flymake-diagnostics)) #'string<))

(defun debrief-test-find (code)
  (cl-find code (flymake-diagnostics) :key #'debrief-test-code :test #'equal))

(defun debrief-test-open (file)
  "Visit FILE as a user would: the command loop runs `post-command-hook', where
`eglot-ensure' connects; Flymake is started by hand (batch has no idle timers' redisplay)."
  (find-file file)
  (run-hooks 'post-command-hook)
  (debrief-test-wait 15 (format "eglot to manage %s" file) (lambda () (bound-and-true-p eglot--managed-mode)))
  (flymake-start nil t)
  (current-buffer))

(defun debrief-test-wait-codes (what predicate)
  (debrief-test-wait 15 what
                     (lambda ()
                       ;; What eglot's idle timer does (batch mode is never idle): send the
                       ;; pending didChange; then let Flymake ask for the findings.
                       (eglot--signal-textDocument/didChange)
                       (flymake-start nil t)
                       (funcall predicate (debrief-test-codes)))))

(defun debrief-test-run ()
  (let* ((repo (debrief-test-env "DEBRIEF_REPO"))
         (work (file-name-as-directory (debrief-test-env "DEBRIEF_WORK")))
         (fixtures (expand-file-name "tests/editors/neovim/fixtures/" repo))
         (snippets (debrief-test-readme-snippets (expand-file-name "README.md" repo)))
         (team (expand-file-name "team/" work))
         (ops (expand-file-name "ops/" work))
         (checkout (expand-file-name "postmortems/checkout-errors.md" team))
         (failover (expand-file-name "postmortems/db-failover.md" team))
         (notes (expand-file-name "notes/notes.md" team))
         (ops-failover (expand-file-name "postmortems/db-failover.md" ops))
         (failover-text (with-temp-buffer
                          (insert-file-contents (expand-file-name "db-failover.md" fixtures))
                          (buffer-string))))
    ;; Two projects (each a git work tree), the second with the README's .dir-locals.el.
    ;; Real repositories: eglot lists project files through git to watch debrief.toml.
    (dolist (dir (list team ops))
      (make-directory dir t)
      (unless (zerop (call-process "git" nil nil nil "init" "-q" dir))
        (error "git init %s failed" dir)))
    (dolist (copy (list (cons "checkout-errors.md" checkout) (cons "notes.md" notes)))
      (make-directory (file-name-directory (cdr copy)) t)
      (copy-file (expand-file-name (car copy) fixtures) (cdr copy) t))
    (debrief-test-write failover failover-text)
    (debrief-test-write ops-failover failover-text)

    (debrief-test "the README has an init snippet and a .dir-locals.el snippet"
      (unless (= 2 (length snippets))
        (error "Expected 2 tested emacs-lisp blocks, found %d" (length snippets))))
    (debrief-test-write (expand-file-name ".dir-locals.el" ops) (or (nth 1 snippets) ""))
    ;; The init snippet, as init.el would run it.
    (eval (car (read-from-string (concat "(progn " (or (nth 0 snippets) "") ")"))) t)

    (debrief-test "opening a debrief starts debrief-ls and Flymake shows its findings where they are"
      (with-current-buffer (debrief-test-open checkout)
        (unless (eq major-mode 'markdown-mode) (error "Major mode is %s" major-mode))
        (debrief-test-wait-codes "blame-counterfactual, cause-human-error and timeline-missing"
                                 (lambda (codes) (cl-subsetp '("blame-counterfactual" "cause-human-error" "timeline-missing")
                                                             codes :test #'equal)))
        (let* ((d (debrief-test-find "blame-counterfactual"))
               (text (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d))))
          ;; UTF-16 positions after "Déjà vu 😬 — " must land on the phrase.
          (unless (equal text "the on-call engineer should have noticed")
            (error "The finding covers %S" text))
          (unless (eq (flymake-diagnostic-type d) 'eglot-warning)
            (error "Type %s" (flymake-diagnostic-type d))))
        (let ((server (eglot-current-server)))
          (unless (equal (plist-get (eglot--server-info server) :name) "debrief-ls")
            (error "Server info %S" (eglot--server-info server))))))

    (debrief-test "settings from eglot-workspace-configuration reach the server"
      (with-current-buffer (debrief-test-open failover)
        ;; term-post-mortem is off unless the settings turn it on.
        (debrief-test-wait-codes "term-post-mortem and timeline-gap"
                                 (lambda (codes) (and (member "term-post-mortem" codes) (member "timeline-gap" codes))))
        (unless (eq (flymake-diagnostic-type (debrief-test-find "term-post-mortem")) 'eglot-warning)
          (error "term-post-mortem is not a warning"))))

    (debrief-test "the .dir-locals.el snippet overrides them for its project"
      (with-current-buffer (debrief-test-open ops-failover)
        (debrief-test-wait-codes "term-post-mortem"
                                 (lambda (codes) (member "term-post-mortem" codes)))
        (unless (eq (flymake-diagnostic-type (debrief-test-find "term-post-mortem")) 'eglot-error)
          (error "term-post-mortem is %s, not an error" (flymake-diagnostic-type (debrief-test-find "term-post-mortem"))))
        (when (debrief-test-find "timeline-gap")
          (error "timeline-gap is still flagged with gap-minutes 90"))
        (unless (eq (eglot-current-server)
                    (with-current-buffer (get-file-buffer failover) (eglot-current-server)))
          (debrief-test-say "        (a server of its own for the second project)"))))

    (debrief-test "a quick fix picked in eglot-code-actions rewrites the text and clears the finding"
      (with-current-buffer (get-file-buffer checkout)
        (let* ((d (debrief-test-find "blame-counterfactual"))
               (offered nil)
               (last-nonmenu-event ?a)) ; a keyboard event: completing-read, not a popup menu
          (cl-letf (((symbol-function 'completing-read)
                     (lambda (_prompt collection &rest _)
                       (setq offered (mapcar #'car collection))
                       (or (cl-find-if (lambda (title) (string-prefix-p "Rewrite as what happened" title)) offered)
                           (error "No rewrite among %S" offered)))))
            (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d) nil t))
          (unless (member "Ignore blame-counterfactual for this line" offered)
            (error "No ignore action among %S" offered))
          (goto-char (point-min))
          (forward-line 9)
          (let ((line (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
            (unless (equal line "Déjà vu 😬 — the on-call engineer did not notice the alert sooner.")
              (error "Line 10 is %S" line)))
          (debrief-test-wait-codes "blame-counterfactual to clear while cause-human-error stays"
                                   (lambda (codes) (and (not (member "blame-counterfactual" codes))
                                                        (member "cause-human-error" codes)))))))

    (debrief-test "Markdown that is not a debrief gets no findings"
      (with-current-buffer (debrief-test-open notes)
        ;; A round trip to the server, then time for any (wrong) findings to arrive.
        (jsonrpc-request (eglot-current-server) :textDocument/documentSymbol
                         (list :textDocument (eglot--TextDocumentIdentifier)))
        (let ((deadline (+ (float-time) 1.5)))
          (while (< (float-time) deadline)
            (flymake-start nil t)
            (accept-process-output nil 0.05)))
        (when (flymake-diagnostics)
          (error "Findings on notes.md: %S" (debrief-test-codes)))))))

(defun debrief-test-server-stderr ()
  (mapconcat (lambda (buffer)
               (if (string-match-p "EGLOT.*stderr" (buffer-name buffer))
                   (with-current-buffer buffer (buffer-substring-no-properties (point-min) (point-max)))
                 ""))
             (buffer-list) ""))

(defun debrief-test-dump-logs ()
  (dolist (buffer (buffer-list))
    (when (string-match-p "EGLOT.*\\(events\\|stderr\\)" (buffer-name buffer))
      (with-current-buffer buffer
        (debrief-test-say "---- %s (end)" (buffer-name buffer))
        (debrief-test-say "%s" (buffer-substring-no-properties (max (point-min) (- (point-max) 3000)) (point-max)))))))

;; The Debian elpa packages, activated as package.el would (-Q skips it).
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (add-to-list 'load-path dir)
  (dolist (autoloads (file-expand-wildcards (expand-file-name "*-autoloads.el" dir)))
    (load autoloads nil t)))
(setq enable-local-variables :safe)
(setq eglot-sync-connect 10)

(condition-case err
    (progn
      (require 'eglot)
      (debrief-test-say "Emacs %s, eglot %s" emacs-version
                        (or (and (fboundp 'package-get-version) (ignore-errors (package-get-version))) "1.9"))
      (debrief-test-run))
  (error
   (cl-incf debrief-test-failed)
   (debrief-test-say "  FAIL  (outside a test) %s" (error-message-string err))))
(debrief-test "the servers logged no warning or error (registrations, settings)"
  (let ((stderr (debrief-test-server-stderr)))
    (unless (string-match-p "debrief-ls info: ready" stderr)
      (error "No server stderr seen: %S" stderr))
    (when (string-match "^debrief-ls \\(warn\\|error\\).*$" stderr)
      (error "%s" (match-string 0 stderr)))))
(when (> debrief-test-failed 0)
  (debrief-test-dump-logs))
(debrief-test-say "emacs eglot: %d passed, %d failed" debrief-test-passed debrief-test-failed)
(kill-emacs (if (or (> debrief-test-failed 0) (= debrief-test-passed 0)) 1 0))

;;; eglot-test.el ends here
