UPDATE staging.articles SET extraction_error = ? WHERE article_id = ?;
