<?php
/**
 * Large catalogues in the split format: a folder of small files in uploads/reportshelf/NAME/, the
 * manifest `catalogue.json` (the attachment's file, so its address is the catalogue's `src`) and
 * the build's files in a folder named by the build. The browser makes the files (core's
 * `splitCatalogue`) and sends them in batches; every path is checked by core's own rules
 * (`isSplitFile`, `BUILD_NAME` in packages/core/src/split.ts), and only names those rules give are
 * ever written or removed. Loaded by the plugin and by uninstall.php.
 *
 * @package Reportshelf
 */

defined( 'ABSPATH' ) || exit;

/** Post meta naming the folder of a split catalogue (under uploads/reportshelf/). */
const REPORTSHELF_SPLIT_META = '_reportshelf_split';
/** The facets that have a file of their own in a build (core's FACET_NAMES). */
const REPORTSHELF_SPLIT_FACETS = array( 'region', 'country', 'category', 'author', 'organization', 'language' );
/** Files a split catalogue may have, at most: 100,000 reports make about 15,000. */
const REPORTSHELF_SPLIT_MAX_FILES = 100000;

/**
 * Whether a name is a build's: 16 hex digits (core's BUILD_NAME), so it names no path and no dot.
 *
 * @param mixed $name A folder name.
 */
function reportshelf_is_build_name( $name ) {
	return is_string( $name ) && 1 === preg_match( '/^[0-9a-f]{16}\z/', $name );
}

/**
 * Whether a path inside a build's folder names a file of the format (core's isSplitFile). `\z`,
 * not `$`: PHP's `$` also matches before a final newline.
 *
 * @param mixed $path A path relative to the build's folder.
 */
function reportshelf_is_split_file( $path ) {
	return is_string( $path ) && (
		'years.json' === $path
		|| 'added.json' === $path
		|| 1 === preg_match( '/^facets\/(' . implode( '|', REPORTSHELF_SPLIT_FACETS ) . ')\.json\z/', $path )
		|| 1 === preg_match( '/^(cards|ids|index)\/(0|[1-9][0-9]*)\.json\z/', $path )
	);
}

/**
 * The folder of a split catalogue, from the name this plugin gave it; '' for any other name.
 *
 * @param mixed $name The folder's name under uploads/reportshelf/.
 */
function reportshelf_split_folder( $name ) {
	if ( ! is_string( $name ) || 1 !== preg_match( '/^[a-z0-9][a-z0-9-]{0,79}\z/', $name ) ) {
		return '';
	}
	$uploads = wp_get_upload_dir();
	return trailingslashit( $uploads['basedir'] ) . 'reportshelf/' . $name;
}

/**
 * Removes a folder if nothing is left in it.
 *
 * @param string $dir Absolute path.
 */
function reportshelf_remove_if_empty( $dir ) {
	if ( is_dir( $dir ) && ! is_link( $dir ) && array( '.', '..' ) === array_values( (array) scandir( $dir ) ) ) {
		rmdir( $dir ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- an empty folder this plugin made.
	}
}

/**
 * Removes the files of a split catalogue's builds but those kept; with no list of those kept, every
 * build, its manifest and the folder. Only the names the format gives are removed, so a file anyone
 * else put there stays (and so does its folder).
 *
 * @param string        $folder Absolute path of the catalogue's folder.
 * @param string[]|null $keep   Builds to keep; null: remove the catalogue.
 */
function reportshelf_remove_split( $folder, ?array $keep = null ) {
	if ( '' === $folder || ! is_dir( $folder ) || is_link( $folder ) ) {
		return;
	}
	foreach ( (array) scandir( $folder ) as $build ) {
		$root = $folder . '/' . $build;
		if ( ! reportshelf_is_build_name( $build ) || in_array( $build, (array) $keep, true ) || is_link( $root ) || ! is_dir( $root ) ) {
			continue;
		}
		foreach ( array( 'facets', 'cards', 'ids', 'index', '' ) as $sub ) {
			$dir = '' === $sub ? $root : $root . '/' . $sub;
			if ( is_link( $dir ) || ! is_dir( $dir ) ) {
				continue;
			}
			foreach ( (array) scandir( $dir ) as $name ) {
				if ( is_string( $name ) && reportshelf_is_split_file( '' === $sub ? $name : $sub . '/' . $name ) ) {
					wp_delete_file( $dir . '/' . $name );
				}
			}
			reportshelf_remove_if_empty( $dir );
		}
	}
	if ( null === $keep ) {
		wp_delete_file( $folder . '/catalogue.json' );
		reportshelf_remove_if_empty( $folder );
		reportshelf_remove_if_empty( dirname( $folder ) );
	}
}

/**
 * The build a split catalogue's folder now shows, from its manifest ('' when there is none).
 *
 * @param string $folder Absolute path of the catalogue's folder.
 */
function reportshelf_current_build( $folder ) {
	$text     = is_file( $folder . '/catalogue.json' ) ? file_get_contents( $folder . '/catalogue.json' ) : ''; // phpcs:ignore WordPress.WP.AlternativeFunctions -- a file in uploads.
	$manifest = json_decode( (string) $text, true );
	$build    = is_array( $manifest ) ? ( $manifest['build'] ?? '' ) : '';
	return reportshelf_is_build_name( $build ) ? $build : '';
}

/** The largest request of files the site takes: its upload limit, and at most 4 MB. */
function reportshelf_split_batch_bytes() {
	return (int) apply_filters( 'reportshelf_split_batch_bytes', min( wp_max_upload_size(), 4 * MB_IN_BYTES ) );
}

/** The largest split catalogue the site takes, all its files together. */
function reportshelf_split_max_bytes() {
	return (int) apply_filters( 'reportshelf_split_max_bytes', 256 * MB_IN_BYTES );
}

/**
 * A path as sent, safe to quote in a message: control characters escaped, and not too long.
 *
 * @param string $path A path from the request.
 */
function reportshelf_printable( $path ) {
	$path = addcslashes( $path, "\0..\37\177" );
	return mb_strlen( $path ) > 120 ? mb_substr( $path, 0, 120 ) . '…' : $path;
}

/**
 * Sends an error answer and stops.
 *
 * @param string $message Already translated.
 * @param int    $status  HTTP status.
 */
function reportshelf_fail( $message, $status = 400 ) {
	wp_send_json_error( array( 'message' => $message ), $status );
}

/** The checks every step of saving shares: the catalogue screen's nonce, and the right to upload. */
function reportshelf_check_request() {
	check_ajax_referer( 'reportshelf_save_catalogue', 'nonce' );
	if ( ! current_user_can( 'upload_files' ) ) {
		reportshelf_fail( __( 'Sorry, you are not allowed to upload files.', 'reportshelf' ), 403 );
	}
}

/** The split catalogue this request continues, started by this user: its key and state. */
function reportshelf_split_pending() {
	$key     = isset( $_POST['key'] ) ? (string) wp_unslash( $_POST['key'] ) : ''; // phpcs:ignore WordPress.Security -- checked by the pattern below; the nonce by reportshelf_check_request().
	$pending = 1 === preg_match( '/^[A-Za-z0-9]{24}\z/', $key ) ? get_transient( 'reportshelf_split_' . $key ) : false;
	if ( ! is_array( $pending ) || get_current_user_id() !== $pending['user'] ) {
		reportshelf_fail( __( 'This catalogue is not one being saved now (saving may have been stopped or taken more than a day). Save it again.', 'reportshelf' ) );
	}
	return array( $key, $pending );
}

/**
 * Removes folders of split catalogues that were started more than a day ago and never finished
 * (those with no manifest).
 */
function reportshelf_split_sweep() {
	$uploads = wp_get_upload_dir();
	$parent  = trailingslashit( $uploads['basedir'] ) . 'reportshelf';
	if ( ! is_dir( $parent ) ) {
		return;
	}
	foreach ( (array) scandir( $parent ) as $name ) {
		$folder = reportshelf_split_folder( $name );
		if ( '' !== $folder && ! file_exists( $folder . '/catalogue.json' ) && filemtime( $folder ) < time() - DAY_IN_SECONDS ) {
			reportshelf_remove_split( $folder );
		}
	}
}

/**
 * Step 1: a folder for a new split catalogue, named after its title. Answers with the key the
 * next steps give, and the largest batch of files the site takes.
 */
function reportshelf_split_begin() {
	reportshelf_check_request();
	// phpcs:disable WordPress.Security.NonceVerification -- checked in reportshelf_check_request().
	$build = isset( $_POST['build'] ) ? (string) wp_unslash( $_POST['build'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- checked just below.
	if ( ! reportshelf_is_build_name( $build ) ) {
		reportshelf_fail( __( 'The build name must be 16 hexadecimal digits, as the catalogue screen makes it.', 'reportshelf' ) );
	}
	$files = absint( $_POST['files'] ?? 0 );
	$bytes = absint( $_POST['bytes'] ?? 0 );
	if ( $files > REPORTSHELF_SPLIT_MAX_FILES || $bytes > reportshelf_split_max_bytes() ) {
		reportshelf_fail( __( 'The catalogue is larger than this site accepts.', 'reportshelf' ), 413 );
	}
	$title = sanitize_text_field( wp_unslash( $_POST['title'] ?? '' ) );
	// phpcs:enable
	$replace = reportshelf_replace_target();

	reportshelf_split_sweep();
	// A split catalogue replaced gets its new build beside the one visitors are reading.
	$name = $replace ? (string) get_post_meta( $replace, REPORTSHELF_SPLIT_META, true ) : '';
	if ( '' === reportshelf_split_folder( $name ) ) {
		// Letters, digits and dashes only (a title in Arabic gives none: the folder still needs a name).
		$base = substr( trim( (string) preg_replace( '/[^a-z0-9-]+/', '', sanitize_title( $title ) ), '-' ), 0, 60 );
		$base = '' === $base ? 'catalogue' : $base;
		$parent = dirname( reportshelf_split_folder( $base ) );
		if ( ! wp_mkdir_p( $parent ) ) {
			reportshelf_fail( __( 'The catalogue\'s folder could not be made in the uploads folder.', 'reportshelf' ), 500 );
		}
		// The folder is the name's claim: mkdir makes it only if it is not there, at once, so two
		// catalogues of one title saved at the same moment never share one (seeing the name free,
		// then making it, let both take it).
		for ( $i = 1; ; $i++ ) {
			$name = 1 === $i ? $base : $base . '-' . $i;
			if ( @mkdir( reportshelf_split_folder( $name ), defined( 'FS_CHMOD_DIR' ) ? FS_CHMOD_DIR : 0755 ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors, WordPress.WP.AlternativeFunctions -- a name taken is the answer sought, not an error.
				break;
			}
			if ( $i >= 1000 || ! is_dir( $parent ) ) {
				reportshelf_fail( __( 'The catalogue\'s folder could not be made in the uploads folder.', 'reportshelf' ), 500 );
			}
		}
	}
	$folder = reportshelf_split_folder( $name );
	if ( ! wp_mkdir_p( $folder . '/' . $build ) ) {
		reportshelf_fail( __( 'The catalogue\'s folder could not be made in the uploads folder.', 'reportshelf' ), 500 );
	}
	$key = wp_generate_password( 24, false );
	set_transient(
		'reportshelf_split_' . $key,
		array(
			'user'    => get_current_user_id(),
			'name'    => $name,
			'build'   => $build,
			'replace' => $replace,
			'files'   => 0,
			'bytes'   => 0,
		),
		DAY_IN_SECONDS
	);
	wp_send_json_success(
		array(
			'key'   => $key,
			'batch' => reportshelf_split_batch_bytes(),
		)
	);
}

/**
 * Step 2, as often as needed: a batch of the build's files, a JSON object of path → text. Every
 * path must be one of the build's files by core's rules, and every text JSON; otherwise nothing of
 * the batch is written.
 */
function reportshelf_split_files() {
	reportshelf_check_request();
	list( $key, $pending ) = reportshelf_split_pending();
	$body = isset( $_POST['files'] ) ? (string) wp_unslash( $_POST['files'] ) : ''; // phpcs:ignore WordPress.Security -- JSON, decoded and checked below; nonce checked above.
	if ( strlen( $body ) > reportshelf_split_batch_bytes() ) {
		reportshelf_fail( __( 'This batch of files is larger than this site accepts for uploads.', 'reportshelf' ), 413 );
	}
	$files = json_decode( $body, true );
	if ( ! is_array( $files ) || ! $files || array_is_list( $files ) ) {
		reportshelf_fail( __( 'The files must come as a JSON object of path and text.', 'reportshelf' ) );
	}
	$build = $pending['build'];
	$bytes = 0;
	foreach ( $files as $path => $text ) {
		$path   = (string) $path;
		$inside = str_starts_with( $path, $build . '/' ) ? substr( $path, strlen( $build ) + 1 ) : '';
		if ( ! reportshelf_is_split_file( $inside ) ) {
			reportshelf_fail(
				sprintf(
					/* translators: 1: a path as sent, 2: the build's name. */
					__( '"%1$s" is not a file of this split catalogue: only %2$s/ followed by years.json, added.json, facets/NAME.json, cards/N.json, ids/N.json or index/N.json is accepted. Nothing of this batch was saved.', 'reportshelf' ),
					reportshelf_printable( $path ),
					$build
				)
			);
		}
		if ( ! is_string( $text ) || ( null === json_decode( $text ) && 'null' !== trim( $text ) ) ) {
			/* translators: %s: a path. */
			reportshelf_fail( sprintf( __( '"%s" is not JSON. Nothing of this batch was saved.', 'reportshelf' ), $path ) );
		}
		$bytes += strlen( $text );
	}
	$pending['files'] += count( $files );
	$pending['bytes'] += $bytes;
	if ( $pending['files'] > REPORTSHELF_SPLIT_MAX_FILES || $pending['bytes'] > reportshelf_split_max_bytes() ) {
		reportshelf_fail( __( 'The catalogue is larger than this site accepts.', 'reportshelf' ), 413 );
	}
	$folder = reportshelf_split_folder( $pending['name'] ) . '/' . $build;
	foreach ( $files as $path => $text ) {
		$target = $folder . '/' . substr( (string) $path, strlen( $build ) + 1 );
		if ( ! wp_mkdir_p( dirname( $target ) ) || false === file_put_contents( $target, $text ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions -- a new file in uploads.
			reportshelf_fail( __( 'The catalogue could not be written to the uploads folder.', 'reportshelf' ), 500 );
		}
	}
	set_transient( 'reportshelf_split_' . $key, $pending, DAY_IN_SECONDS );
	wp_send_json_success( array( 'files' => $pending['files'] ) );
}

/**
 * Why a decoded manifest is not this build's, or '' when it is.
 *
 * @param mixed  $manifest Decoded JSON.
 * @param string $build    The build being saved.
 */
function reportshelf_manifest_problem( $manifest, $build ) {
	$ok = is_array( $manifest )
		&& 'split' === ( $manifest['format'] ?? null ) && 1 === ( $manifest['version'] ?? null )
		&& is_int( $manifest['count'] ?? null ) && $manifest['count'] > 0
		&& is_int( $manifest['cards'] ?? null ) && $manifest['cards'] > 0
		&& is_int( $manifest['ids'] ?? null ) && $manifest['ids'] > 0
		&& is_array( $manifest['index'] ?? null ) && array_is_list( $manifest['index'] );
	if ( ! $ok ) {
		return __( 'This is not the manifest of a split catalogue.', 'reportshelf' );
	}
	if ( ( $manifest['build'] ?? null ) !== $build ) {
		return __( 'The manifest names another build than the files sent.', 'reportshelf' );
	}
	return '';
}

/**
 * The files a manifest reads, in its build's folder.
 *
 * @param array $manifest A manifest that passed reportshelf_manifest_problem().
 * @return string[]
 */
function reportshelf_manifest_files( array $manifest ) {
	$files = array( 'years.json' );
	if ( ! empty( $manifest['added'] ) ) {
		$files[] = 'added.json';
	}
	foreach ( REPORTSHELF_SPLIT_FACETS as $facet ) {
		$files[] = "facets/$facet.json";
	}
	$lists = array(
		'cards' => (int) ceil( $manifest['count'] / $manifest['cards'] ),
		'ids'   => $manifest['ids'],
		'index' => count( $manifest['index'] ),
	);
	foreach ( $lists as $list => $n ) {
		for ( $i = 0; $i < $n; $i++ ) {
			$files[] = "$list/$i.json";
		}
	}
	return $files;
}

/**
 * Step 3: the manifest, once every file it reads is there. Written last, so the catalogue exists
 * only whole; then it becomes a media attachment like a one-file catalogue, the manifest its file.
 */
function reportshelf_split_finish() {
	reportshelf_check_request();
	list( $key, $pending ) = reportshelf_split_pending();
	$text = isset( $_POST['manifest'] ) ? (string) wp_unslash( $_POST['manifest'] ) : ''; // phpcs:ignore WordPress.Security -- JSON, decoded and checked below; nonce checked above.
	if ( strlen( $text ) > reportshelf_split_batch_bytes() ) {
		reportshelf_fail( __( 'The manifest is larger than this site accepts for uploads.', 'reportshelf' ), 413 );
	}
	$manifest = json_decode( $text, true );
	$problem  = reportshelf_manifest_problem( $manifest, $pending['build'] );
	if ( $problem ) {
		reportshelf_fail( $problem );
	}
	$folder   = reportshelf_split_folder( $pending['name'] );
	$expected = count( reportshelf_manifest_files( $manifest ) );
	if ( $expected > $pending['files'] ) {
		/* translators: 1: files received, 2: files the catalogue has. */
		reportshelf_fail( sprintf( __( 'Only %1$d of the catalogue\'s %2$d files have arrived, so the catalogue was not saved. Save it again.', 'reportshelf' ), $pending['files'], $expected ) );
	}
	foreach ( reportshelf_manifest_files( $manifest ) as $file ) {
		if ( ! is_file( $folder . '/' . $pending['build'] . '/' . $file ) ) {
			/* translators: %s: a file's path. */
			reportshelf_fail( sprintf( __( 'The catalogue\'s file %s has not arrived, so the catalogue was not saved. Save it again.', 'reportshelf' ), $pending['build'] . '/' . $file ) );
		}
	}
	$path     = $folder . '/catalogue.json';
	$previous = reportshelf_current_build( $folder );
	// Renamed into place: a visitor reads the manifest before or after, never half of it.
	$written = $folder . '/.catalogue.json.' . $key;
	if ( false === file_put_contents( $written, $text ) || ! rename( $written, $path ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions -- a file in uploads.
		wp_delete_file( $written );
		reportshelf_fail( __( 'The catalogue could not be written to the uploads folder.', 'reportshelf' ), 500 );
	}
	delete_transient( 'reportshelf_split_' . $key );
	if ( $pending['replace'] ) {
		// The build before stays for the visitors still on it (as the CLI does); older ones go.
		reportshelf_remove_split( $folder, array( $pending['build'], $previous ) );
		reportshelf_replace( $pending['replace'], $path, $pending['name'], $manifest['count'] );
	}
	$title = sanitize_text_field( wp_unslash( $_POST['title'] ?? '' ) ); // phpcs:ignore WordPress.Security.NonceVerification -- checked above.
	if ( '' === $title ) {
		$title = is_string( $manifest['title'] ?? null ) ? sanitize_text_field( $manifest['title'] ) : __( 'Report catalogue', 'reportshelf' );
	}
	$uploads = wp_get_upload_dir();
	$id      = $pending['replace'] ? $pending['replace'] : wp_insert_attachment(
		array(
			'post_title'     => $title,
			'post_mime_type' => 'application/json',
			'post_status'    => 'inherit',
			'guid'           => trailingslashit( $uploads['baseurl'] ) . 'reportshelf/' . $pending['name'] . '/catalogue.json',
		),
		$path,
		0,
		true
	);
	if ( is_wp_error( $id ) ) {
		reportshelf_remove_split( $folder );
		reportshelf_fail( $id->get_error_message(), 500 );
	}
	update_post_meta( $id, REPORTSHELF_META, $manifest['count'] );
	update_post_meta( $id, REPORTSHELF_SPLIT_META, $pending['name'] );
	reportshelf_saved( $id, $pending['replace'] ? get_the_title( $id ) : $title, $manifest['count'], (bool) $pending['replace'] );
}

/** Saving stopped (a batch refused, the page closed): the folder begun is removed. */
function reportshelf_split_abandon() {
	reportshelf_check_request();
	list( $key, $pending ) = reportshelf_split_pending();
	delete_transient( 'reportshelf_split_' . $key );
	$folder  = reportshelf_split_folder( $pending['name'] );
	$current = reportshelf_current_build( $folder );
	if ( '' === $current ) {
		reportshelf_remove_split( $folder );
	} elseif ( $pending['build'] !== $current ) {
		// A catalogue being replaced: only the build begun goes, the one visitors read stays.
		$others = array_filter( (array) scandir( $folder ), 'reportshelf_is_build_name' );
		reportshelf_remove_split( $folder, array_values( array_diff( $others, array( $pending['build'] ) ) ) );
	}
	wp_send_json_success();
}

/**
 * A split catalogue's folder goes with its attachment. WordPress then finds its file gone, and
 * says nothing.
 *
 * @param int $id Attachment id.
 */
function reportshelf_delete_split( $id ) {
	$name = get_post_meta( $id, REPORTSHELF_SPLIT_META, true );
	if ( $name ) {
		reportshelf_remove_split( reportshelf_split_folder( $name ) );
	}
}
