<?php
/**
 * Plugin Name:       Reportshelf report library
 * Plugin URI:        https://github.com/reportshelf/reportshelf
 * Description:       A searchable, filterable library of anti-trafficking reports: a block, a shortcode, and catalogues made from a spreadsheet in the media library.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.0
 * Author:            Reportshelf
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       reportshelf
 *
 * @package Reportshelf
 */

defined( 'ABSPATH' ) || exit;

const REPORTSHELF_VERSION = '0.1.0';

/** Post meta that marks an attachment as a catalogue made by this plugin (its value: the number of reports). */
const REPORTSHELF_META = '_reportshelf_catalogue';

/** What the element accepts; anything else is left out rather than passed on. */
const REPORTSHELF_LANGUAGES = array( 'en', 'fr', 'es', 'ar' );
const REPORTSHELF_FACETS    = array( 'region', 'country', 'category', 'author', 'organization', 'language', 'year' );
const REPORTSHELF_SORTS     = array( 'relevance', 'newest', 'oldest', 'title', 'added' );
const REPORTSHELF_THEMES    = array( 'light', 'dark' );

require_once __DIR__ . '/split.php';

/**
 * The drop-in files and the editor's scripts. Registered on every request, enqueued only where a
 * library is rendered.
 */
function reportshelf_register_assets() {
	$base = plugin_dir_url( __FILE__ );
	// The full file carries the default catalogue; the lite file is for a catalogue of the site's own.
	wp_register_script( 'reportshelf', $base . 'assets/reportshelf.js', array(), REPORTSHELF_VERSION, true );
	wp_register_script( 'reportshelf-lite', $base . 'assets/reportshelf.lite.js', array(), REPORTSHELF_VERSION, true );
	wp_register_script(
		'reportshelf-block-editor',
		$base . 'editor.js',
		array( 'wp-blocks', 'wp-block-editor', 'wp-components', 'wp-element', 'wp-i18n', 'reportshelf' ),
		REPORTSHELF_VERSION,
		false
	);
	wp_register_script( 'reportshelf-catalogue-upload', $base . 'assets/catalogue-upload.js', array( 'wp-i18n' ), REPORTSHELF_VERSION, true );
	wp_register_style( 'reportshelf-admin', $base . 'admin.css', array(), REPORTSHELF_VERSION );

	register_block_type(
		__DIR__,
		array( 'render_callback' => 'reportshelf_render_block' )
	);
	add_shortcode( 'reportshelf', 'reportshelf_render_shortcode' );
}
add_action( 'init', 'reportshelf_register_assets' );

/** The editor needs the list of the site's catalogues for its picker. */
function reportshelf_editor_data() {
	wp_add_inline_script(
		'reportshelf-block-editor',
		'window.reportshelfEditor = ' . wp_json_encode(
			array(
				'catalogues' => reportshelf_catalogues(),
				'uploadUrl'  => current_user_can( 'upload_files' ) ? admin_url( 'upload.php?page=reportshelf-catalogues' ) : '',
			)
		) . ';',
		'before'
	);
}
add_action( 'enqueue_block_editor_assets', 'reportshelf_editor_data' );

/**
 * The site's catalogues, newest first.
 *
 * @return array<int, array{id: int, title: string, url: string, reports: int}>
 */
function reportshelf_catalogues() {
	$posts = get_posts(
		array(
			'post_type'      => 'attachment',
			'post_status'    => 'inherit',
			'post_mime_type' => 'application/json',
			'meta_key'       => REPORTSHELF_META, // phpcs:ignore WordPress.DB.SlowDBQuery -- a handful of attachments.
			'posts_per_page' => 200,
			'orderby'        => 'date',
			'order'          => 'DESC',
		)
	);
	$list = array();
	foreach ( $posts as $post ) {
		$list[] = array(
			'id'      => $post->ID,
			'title'   => get_the_title( $post ),
			'url'     => (string) wp_get_attachment_url( $post->ID ),
			'reports' => (int) get_post_meta( $post->ID, REPORTSHELF_META, true ),
			'date'    => get_the_date( '', $post ),
		);
	}
	return $list;
}

/**
 * The address of one of the site's catalogues, or '' when the id is not one.
 *
 * @param mixed $id Attachment id.
 */
function reportshelf_catalogue_url( $id ) {
	$id = absint( $id );
	if ( ! $id || 'attachment' !== get_post_type( $id ) || ! get_post_meta( $id, REPORTSHELF_META, true ) ) {
		return '';
	}
	return (string) wp_get_attachment_url( $id );
}

/**
 * `<shelf-library>` with only the settings the element accepts, every value escaped; and the
 * drop-in file enqueued for this page.
 *
 * @param array $settings src, catalogue (attachment id), lang, facets, page_size, sort, theme, sync_url, url_prefix, label.
 */
function reportshelf_render( array $settings ) {
	$attributes = array();
	$src        = '';
	if ( ! empty( $settings['catalogue'] ) ) {
		$src = reportshelf_catalogue_url( $settings['catalogue'] );
		if ( '' === $src ) {
			return reportshelf_notice( __( 'This report library\'s catalogue is no longer in the media library. Choose another one.', 'reportshelf' ) );
		}
	} elseif ( isset( $settings['src'] ) && '' !== trim( (string) $settings['src'] ) ) {
		// A catalogue file or a CSV (a published Google Sheet's `…/pub?output=csv`, a CSV on the
		// partner's server), which the elements read with the CLI's conversion. Only http(s) and
		// addresses on this site; `javascript:`, `data:` and the like become ''.
		$src = esc_url_raw( trim( (string) $settings['src'] ), array( 'http', 'https' ) );
		if ( '' === $src ) {
			return reportshelf_notice( __( 'The report library\'s src is not an http or https address, so it is not shown.', 'reportshelf' ) );
		}
	}
	if ( '' !== $src ) {
		$attributes['src'] = $src;
	}

	$lang = strtolower( trim( (string) ( $settings['lang'] ?? '' ) ) );
	if ( in_array( $lang, REPORTSHELF_LANGUAGES, true ) ) {
		$attributes['lang'] = $lang;
	}

	$facets = preg_split( '/[\s,]+/', strtolower( (string) ( $settings['facets'] ?? '' ) ), -1, PREG_SPLIT_NO_EMPTY );
	$facets = array_values( array_unique( array_intersect( $facets, REPORTSHELF_FACETS ) ) );
	if ( $facets ) {
		$attributes['facets'] = implode( ' ', $facets );
	}

	if ( isset( $settings['page_size'] ) && '' !== (string) $settings['page_size'] ) {
		$attributes['page-size'] = (string) min( 100, max( 1, absint( $settings['page_size'] ) ) );
	}

	foreach ( array(
		'sort'  => REPORTSHELF_SORTS,
		'theme' => REPORTSHELF_THEMES,
	) as $name => $allowed ) {
		$value = strtolower( trim( (string) ( $settings[ $name ] ?? '' ) ) );
		if ( in_array( $value, $allowed, true ) ) {
			$attributes[ $name ] = $value;
		}
	}

	if ( ! empty( $settings['sync_url'] ) && ! in_array( strtolower( (string) $settings['sync_url'] ), array( 'false', '0', 'no', 'off' ), true ) ) {
		$attributes['sync-url'] = '';
	}
	$prefix = trim( (string) ( $settings['url_prefix'] ?? '' ) );
	if ( preg_match( '/^[a-z0-9_-]{1,32}$/i', $prefix ) ) {
		$attributes['url-prefix'] = $prefix;
	}
	$label = sanitize_text_field( (string) ( $settings['label'] ?? '' ) );
	if ( '' !== $label ) {
		$attributes['label'] = $label;
	}

	wp_enqueue_script( '' === $src ? 'reportshelf' : 'reportshelf-lite' );

	$html = '<shelf-library';
	foreach ( $attributes as $name => $value ) {
		$html .= '' === $value ? ' ' . $name : ' ' . $name . '="' . esc_attr( $value ) . '"';
	}
	return $html . '></shelf-library>';
}

/**
 * A problem with a library's settings: shown to those who can fix it, a comment for visitors.
 *
 * @param string $message Already translated; escaped here.
 */
function reportshelf_notice( $message ) {
	if ( current_user_can( 'edit_posts' ) ) {
		return '<p class="reportshelf-notice" role="note">' . esc_html( $message ) . '</p>';
	}
	return '<!-- Reportshelf: a report library could not be shown. -->';
}

/**
 * The block's front end.
 *
 * @param array $attributes The block's attributes (block.json).
 */
function reportshelf_render_block( $attributes ) {
	$library = reportshelf_render(
		array(
			'catalogue'  => $attributes['catalogue'] ?? 0,
			'src'        => $attributes['src'] ?? '',
			'lang'       => $attributes['lang'] ?? '',
			'facets'     => $attributes['facets'] ?? '',
			'page_size'  => $attributes['pageSize'] ?? '',
			'sort'       => $attributes['sort'] ?? '',
			'theme'      => $attributes['theme'] ?? '',
			'sync_url'   => $attributes['syncUrl'] ?? false,
			'url_prefix' => $attributes['urlPrefix'] ?? '',
			'label'      => $attributes['label'] ?? '',
		)
	);
	// The block's wrapper carries its alignment and any class the editor gave it.
	return '<div ' . get_block_wrapper_attributes() . '>' . $library . '</div>';
}

/**
 * `[reportshelf src="https://…/catalogue.csv" catalogue="ID" lang="fr" facets="region country year" page-size="20" sort="newest" theme="dark" sync-url label="…"]`
 *
 * @param array|string $atts Shortcode attributes (a string when there are none).
 */
function reportshelf_render_shortcode( $atts ) {
	$atts = is_array( $atts ) ? $atts : array();
	// A bare word (`[reportshelf sync-url]`) arrives as a numbered value.
	foreach ( $atts as $key => $value ) {
		if ( is_int( $key ) ) {
			$atts[ strtolower( (string) $value ) ] = 'true';
		}
	}
	$atts = shortcode_atts(
		array(
			'src'        => '',
			'catalogue'  => '',
			'lang'       => '',
			'facets'     => '',
			'page-size'  => '',
			'sort'       => '',
			'theme'      => '',
			'sync-url'   => '',
			'url-prefix' => '',
			'label'      => '',
		),
		$atts,
		'reportshelf'
	);
	return reportshelf_render(
		array(
			'src'        => $atts['src'],
			'catalogue'  => $atts['catalogue'],
			'lang'       => $atts['lang'],
			'facets'     => $atts['facets'],
			'page_size'  => $atts['page-size'],
			'sort'       => $atts['sort'],
			'theme'      => $atts['theme'],
			'sync_url'   => $atts['sync-url'],
			'url_prefix' => $atts['url-prefix'],
			'label'      => $atts['label'],
		)
	);
}

/** Media → Report catalogues, for everyone who may upload files. */
function reportshelf_admin_menu() {
	$hook = add_media_page(
		__( 'Report catalogues', 'reportshelf' ),
		__( 'Report catalogues', 'reportshelf' ),
		'upload_files',
		'reportshelf-catalogues',
		'reportshelf_catalogues_page'
	);
	add_action(
		'admin_print_scripts-' . $hook,
		static function () {
			wp_enqueue_script( 'reportshelf-catalogue-upload' );
			wp_enqueue_style( 'reportshelf-admin' );
		}
	);
}
add_action( 'admin_menu', 'reportshelf_admin_menu' );

/** The catalogues screen: the list, and the upload form that the script brings to life. */
function reportshelf_catalogues_page() {
	if ( ! current_user_can( 'upload_files' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to upload files.', 'reportshelf' ), 403 );
	}
	$catalogues = reportshelf_catalogues();
	?>
	<div class="wrap reportshelf-catalogues">
		<h1><?php esc_html_e( 'Report catalogues', 'reportshelf' ); ?></h1>
		<p><?php esc_html_e( 'Turn a spreadsheet (a workbook or CSV) or a JSON file of reports into a catalogue that the Report library block and the [reportshelf] shortcode can show. The file is checked in your browser; every problem is listed with its line before anything is saved, and reports with problems that cannot be fixed are left out. A catalogue of 5,000 reports or more is saved as a folder of small files (the split format), so that visitors\' browsers fetch only what they show and search.', 'reportshelf' ); ?></p>

		<form id="reportshelf-upload" class="reportshelf-upload" data-action="<?php echo esc_url( admin_url( 'admin-ajax.php' ) ); ?>" data-nonce="<?php echo esc_attr( wp_create_nonce( 'reportshelf_save_catalogue' ) ); ?>">
			<h2><?php esc_html_e( 'Add a catalogue', 'reportshelf' ); ?></h2>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="reportshelf-file"><?php esc_html_e( 'File', 'reportshelf' ); ?></label></th>
					<td>
						<input type="file" id="reportshelf-file" name="file" accept=".csv,.json,.txt,.tsv,.xlsx,.ods,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet" required aria-describedby="reportshelf-file-help">
						<p class="description" id="reportshelf-file-help"><?php esc_html_e( 'A spreadsheet (Excel .xlsx, OpenDocument .ods, or CSV in any of the encodings Excel saves) with a header row (title, summary, year, date, added, countries, regions, categories, authors, organizations, url, language, image, imageAlt, fileType, fileSize, id), or a catalogue JSON file.', 'reportshelf' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="reportshelf-sheet"><?php esc_html_e( 'Sheet', 'reportshelf' ); ?></label></th>
					<td>
						<input type="text" class="regular-text" id="reportshelf-sheet" name="sheet" aria-describedby="reportshelf-sheet-help">
						<p class="description" id="reportshelf-sheet-help"><?php esc_html_e( 'For a workbook: the name of the sheet to read. The first sheet when empty.', 'reportshelf' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="reportshelf-encoding"><?php esc_html_e( 'Text encoding', 'reportshelf' ); ?></label></th>
					<td>
						<select id="reportshelf-encoding" name="encoding" aria-describedby="reportshelf-encoding-help">
							<option value=""><?php esc_html_e( 'Detect', 'reportshelf' ); ?></option>
							<option value="utf-8">UTF-8</option>
							<option value="windows-1252">Windows-1252</option>
							<option value="utf-16le">UTF-16 LE</option>
							<option value="utf-16be">UTF-16 BE</option>
							<option value="latin1">Latin-1 (ISO-8859-1)</option>
						</select>
						<p class="description" id="reportshelf-encoding-help"><?php esc_html_e( 'For a CSV: detected from the file (Excel\'s "CSV (Comma delimited)" is Windows-1252). Choose one only if accented letters come out wrong.', 'reportshelf' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="reportshelf-replace"><?php esc_html_e( 'Save as', 'reportshelf' ); ?></label></th>
					<td>
						<select id="reportshelf-replace" name="replace" aria-describedby="reportshelf-replace-help">
							<option value="0"><?php esc_html_e( 'A new catalogue', 'reportshelf' ); ?></option>
							<?php foreach ( $catalogues as $catalogue ) : ?>
								<?php if ( current_user_can( 'edit_post', $catalogue['id'] ) ) : ?>
									<?php /* translators: %s: a catalogue's title. */ ?>
									<option value="<?php echo esc_attr( (string) $catalogue['id'] ); ?>"><?php echo esc_html( sprintf( __( 'A new version of “%s”', 'reportshelf' ), $catalogue['title'] ) ); ?></option>
								<?php endif; ?>
							<?php endforeach; ?>
						</select>
						<p class="description" id="reportshelf-replace-help"><?php esc_html_e( 'A new version keeps the catalogue\'s title and id: every block and shortcode showing it shows the new reports.', 'reportshelf' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="reportshelf-title"><?php esc_html_e( 'Title', 'reportshelf' ); ?></label></th>
					<td><input type="text" class="regular-text" id="reportshelf-title" name="title"></td>
				</tr>
				<tr>
					<th scope="row"><label for="reportshelf-language"><?php esc_html_e( 'Main language of the reports', 'reportshelf' ); ?></label></th>
					<td><input type="text" class="small-text" id="reportshelf-language" name="language" placeholder="en" pattern="[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*"></td>
				</tr>
				<tr>
					<th scope="row"><label for="reportshelf-columns"><?php esc_html_e( 'Column names', 'reportshelf' ); ?></label></th>
					<td>
						<input type="text" class="regular-text" id="reportshelf-columns" name="columns" placeholder="title=Title,year=Published,summary=Abstract" aria-describedby="reportshelf-columns-help">
						<p class="description" id="reportshelf-columns-help"><?php esc_html_e( 'Only when your spreadsheet\'s headers differ from the field names: field=Header, separated by commas.', 'reportshelf' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="reportshelf-summary-format"><?php esc_html_e( 'Summaries are written as', 'reportshelf' ); ?></label></th>
					<td>
						<select id="reportshelf-summary-format" name="summaryFormat">
							<option value="text"><?php esc_html_e( 'Plain text', 'reportshelf' ); ?></option>
							<option value="markdown"><?php esc_html_e( 'Markdown', 'reportshelf' ); ?></option>
							<option value="html"><?php esc_html_e( 'HTML', 'reportshelf' ); ?></option>
						</select>
					</td>
				</tr>
			</table>
			<div id="reportshelf-check" class="reportshelf-check" aria-live="polite"></div>
			<p class="submit">
				<button type="button" class="button" id="reportshelf-check-button"><?php esc_html_e( 'Check file', 'reportshelf' ); ?></button>
				<button type="submit" class="button button-primary" id="reportshelf-save" disabled><?php esc_html_e( 'Save catalogue', 'reportshelf' ); ?></button>
			</p>
			<noscript><p><?php esc_html_e( 'Checking a file needs JavaScript.', 'reportshelf' ); ?></p></noscript>
		</form>

		<h2><?php esc_html_e( 'Catalogues on this site', 'reportshelf' ); ?></h2>
		<?php if ( ! $catalogues ) : ?>
			<p id="reportshelf-none"><?php esc_html_e( 'None yet. The Report library block shows the bundled catalogue until you add one.', 'reportshelf' ); ?></p>
		<?php endif; ?>
		<table class="widefat striped" id="reportshelf-list"<?php echo $catalogues ? '' : ' hidden'; ?>>
			<thead>
				<tr>
					<th scope="col"><?php esc_html_e( 'Title', 'reportshelf' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Reports', 'reportshelf' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Added', 'reportshelf' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Shortcode', 'reportshelf' ); ?></th>
				</tr>
			</thead>
			<tbody>
				<?php foreach ( $catalogues as $catalogue ) : ?>
					<tr data-id="<?php echo esc_attr( (string) $catalogue['id'] ); ?>">
						<td><a href="<?php echo esc_url( get_edit_post_link( $catalogue['id'] ) ?? $catalogue['url'] ); ?>"><?php echo esc_html( $catalogue['title'] ); ?></a></td>
						<td><?php echo esc_html( number_format_i18n( $catalogue['reports'] ) ); ?></td>
						<td><?php echo esc_html( $catalogue['date'] ); ?></td>
						<td><code>[reportshelf catalogue="<?php echo esc_html( (string) $catalogue['id'] ); ?>"]</code></td>
					</tr>
				<?php endforeach; ?>
			</tbody>
		</table>
	</div>
	<?php
}

/**
 * Saves a catalogue checked in the browser as a media attachment. The only way this plugin adds
 * JSON to the media library; WordPress's own uploader still refuses JSON files.
 */
function reportshelf_save_catalogue() {
	reportshelf_check_request();
	$replace = reportshelf_replace_target();
	$json = isset( $_POST['catalogue'] ) ? wp_unslash( $_POST['catalogue'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- JSON, decoded and checked below.
	if ( strlen( $json ) > wp_max_upload_size() ) {
		wp_send_json_error( array( 'message' => __( 'The catalogue is larger than this site accepts for uploads.', 'reportshelf' ) ), 413 );
	}
	$catalogue = json_decode( $json, true );
	$problem   = reportshelf_catalogue_problem( $catalogue );
	if ( $problem ) {
		wp_send_json_error( array( 'message' => $problem ), 400 );
	}
	$title = sanitize_text_field( wp_unslash( $_POST['title'] ?? '' ) );
	if ( '' === $title ) {
		$title = isset( $catalogue['title'] ) && is_string( $catalogue['title'] ) ? sanitize_text_field( $catalogue['title'] ) : __( 'Report catalogue', 'reportshelf' );
	}

	$upload = wp_upload_dir();
	if ( ! empty( $upload['error'] ) ) {
		wp_send_json_error( array( 'message' => $upload['error'] ), 500 );
	}
	wp_mkdir_p( $upload['path'] );
	// A title of punctuation alone gives no file name: the file still needs one, with its extension.
	$base = sanitize_file_name( sanitize_title( $title ) );
	$name = wp_unique_filename( $upload['path'], ( '' === trim( $base, '.-_' ) ? 'report-catalogue' : $base ) . '.json' );
	$path = trailingslashit( $upload['path'] ) . $name;
	// Written as JSON again from what was decoded, so the file is exactly a JSON document.
	$body = wp_json_encode( $catalogue, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
	if ( false === $body || false === file_put_contents( $path, $body ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions -- a new file in uploads.
		wp_send_json_error( array( 'message' => __( 'The catalogue could not be written to the uploads folder.', 'reportshelf' ) ), 500 );
	}
	if ( $replace ) {
		reportshelf_replace( $replace, $path, '', count( $catalogue['reports'] ) );
		reportshelf_saved( $replace, get_the_title( $replace ), count( $catalogue['reports'] ), true );
	}
	$id = wp_insert_attachment(
		array(
			'post_title'     => $title,
			'post_mime_type' => 'application/json',
			'post_status'    => 'inherit',
			'guid'           => trailingslashit( $upload['url'] ) . $name,
		),
		$path,
		0,
		true
	);
	if ( is_wp_error( $id ) ) {
		wp_delete_file( $path );
		wp_send_json_error( array( 'message' => $id->get_error_message() ), 500 );
	}
	update_post_meta( $id, REPORTSHELF_META, count( $catalogue['reports'] ) );
	reportshelf_saved( $id, $title, count( $catalogue['reports'] ) );
}

/**
 * The answer to a save: the new catalogue as the screen lists it.
 *
 * @param int    $id      Attachment id.
 * @param string $title   Its title.
 * @param int    $reports How many reports.
 */
function reportshelf_saved( $id, $title, $reports, $replaced = false ) {
	wp_send_json_success(
		array(
			'id'       => $id,
			'title'    => $title,
			'url'      => wp_get_attachment_url( $id ),
			'edit'     => get_edit_post_link( $id, 'raw' ),
			'reports'  => $reports,
			'date'     => get_the_date( '', $id ),
			'replaced' => $replaced,
		)
	);
}

/**
 * The catalogue a save replaces, checked (one of this plugin's, which this user may edit), or 0
 * for a new one.
 */
function reportshelf_replace_target() {
	$id = absint( $_POST['replace'] ?? 0 ); // phpcs:ignore WordPress.Security.NonceVerification -- checked by the caller.
	if ( ! $id ) {
		return 0;
	}
	if ( '' === reportshelf_catalogue_url( $id ) ) {
		reportshelf_fail( __( 'The catalogue to replace is no longer in the media library.', 'reportshelf' ) );
	}
	if ( ! current_user_can( 'edit_post', $id ) ) {
		reportshelf_fail( __( 'Sorry, you are not allowed to replace this catalogue.', 'reportshelf' ), 403 );
	}
	return $id;
}

/**
 * Gives a catalogue its new file, keeping its id (so every block and shortcode showing it shows the
 * new reports), and removes its old file, or its old folder when it moves out of one.
 *
 * @param int    $id      Attachment id.
 * @param string $path    The new file (a catalogue, or a split catalogue's manifest).
 * @param string $split   The split catalogue's folder name, '' for a one-file catalogue.
 * @param int    $reports How many reports.
 */
function reportshelf_replace( $id, $path, $split, $reports ) {
	$old_split = (string) get_post_meta( $id, REPORTSHELF_SPLIT_META, true );
	$old_file  = (string) get_attached_file( $id );
	update_attached_file( $id, $path );
	update_post_meta( $id, REPORTSHELF_META, $reports );
	if ( '' === $split ) {
		delete_post_meta( $id, REPORTSHELF_SPLIT_META );
	} else {
		update_post_meta( $id, REPORTSHELF_SPLIT_META, $split );
	}
	if ( '' !== $old_split && $old_split !== $split ) {
		reportshelf_remove_split( reportshelf_split_folder( $old_split ) );
	} elseif ( '' === $old_split && $old_file !== $path && str_ends_with( $old_file, '.json' ) ) {
		$uploads = wp_get_upload_dir();
		wp_delete_file_from_directory( $old_file, $uploads['basedir'] );
	}
}
add_action( 'wp_ajax_reportshelf_save_catalogue', 'reportshelf_save_catalogue' );
// A large catalogue, in the split format: a folder begun, its files in batches, its manifest last.
add_action( 'wp_ajax_reportshelf_split_begin', 'reportshelf_split_begin' );
add_action( 'wp_ajax_reportshelf_split_files', 'reportshelf_split_files' );
add_action( 'wp_ajax_reportshelf_split_finish', 'reportshelf_split_finish' );
add_action( 'wp_ajax_reportshelf_split_abandon', 'reportshelf_split_abandon' );
add_action( 'delete_attachment', 'reportshelf_delete_split' );

/**
 * Why a decoded value is not a catalogue the elements can read, or '' when it is one. The browser
 * has already validated it field by field; this refuses what did not come from that check.
 *
 * @param mixed $catalogue Decoded JSON.
 */
function reportshelf_catalogue_problem( $catalogue ) {
	if ( ! is_array( $catalogue ) || ! isset( $catalogue['reports'] ) || ! is_array( $catalogue['reports'] ) || array_values( $catalogue['reports'] ) !== $catalogue['reports'] ) {
		return __( 'This is not a catalogue: it has no list of reports.', 'reportshelf' );
	}
	if ( ! $catalogue['reports'] ) {
		return __( 'The catalogue has no reports.', 'reportshelf' );
	}
	foreach ( $catalogue['reports'] as $i => $report ) {
		if ( ! is_array( $report ) || ! isset( $report['id'], $report['title'] ) || ! is_string( $report['id'] ) || ! is_string( $report['title'] ) ) {
			/* translators: %d: position of the report in the list, from 1. */
			return sprintf( __( 'Report %d has no id or title.', 'reportshelf' ), $i + 1 );
		}
	}
	return '';
}
